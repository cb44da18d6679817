package dev.cogalign.launcher;

import dev.cogalign.cogpo.cli.EvalCommand;
import dev.cogalign.cogpo.cli.GenerateCommand;
import dev.cogalign.cogpo.cli.ScoreCommand;
import dev.cogalign.cogpo.cli.TrainCommand;
import dev.cogalign.launcher.demo.DemoCommand;
import dev.cogalign.launcher.experiment.ExperimentCommand;
import dev.cogalign.launcher.service.ServiceCommand;
import dev.cogalign.launcher.up.UpCommand;
import dev.cogalign.launcher.worker.WorkerCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code cogalign} command line: one subcommand per task. */
@Command(
    name = "cogalign",
    mixinStandardHelpOptions = true,
    version = "cogalign 0.1.0",
    description = "CogAlign: Critique-Rethink-Verify and CogPO for small reasoning models.",
    subcommands = {
      CommandLine.HelpCommand.class,
      UpCommand.class,
      ScoreCommand.class,
      GenerateCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      DemoCommand.class,
      ExperimentCommand.class,
      WorkerCommand.class,
      ServiceCommand.class,
      // Register new subcommands here (demo, …): a picocli @Command class with a public
      // no-argument constructor, from any module the launcher depends on.
    })
public final class CogAlignCli implements Runnable {

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand registered, ready to {@code execute(args)}. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CogAlignCli());
    cli.setExecutionExceptionHandler(CogAlignCli::reportFailure);
    return cli;
  }

  /**
   * A command that fails prints what went wrong, cause by cause, and exits with 1; the stack trace
   * only with {@code COGALIGN_DEBUG=1}.
   */
  private static int reportFailure(
      Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
    PrintWriter err = command.getErr();
    err.println(command.getCommandName() + " failed: " + failure.getMessage());
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      err.println("  caused by: " + cause);
      if (cause.getCause() == cause) {
        break;
      }
    }
    if (System.getenv("COGALIGN_DEBUG") != null) {
      failure.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand");
  }
}
