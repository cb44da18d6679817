package dev.cogalign.launcher.service;

import dev.cogalign.launcher.platform.Service;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cogalign service <name> -- <spring args>}: one service alone in this JVM, as {@code up
 * --processes} starts each of them (the arguments are the ones the one-JVM platform gives the
 * service; secrets come from the environment). Hidden: a part of {@code up --processes}, not a way
 * to deploy (the images run each service's own jar).
 */
@Command(
    name = "service",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Runs one service in this JVM until SIGTERM (used by `up --processes`).")
public final class ServiceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "The service: critic-service, …, gateway.")
  String name;

  @Parameters(index = "1..*", description = "Spring arguments (--key=value), after `--`.")
  List<String> springArguments = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    Service service =
        Service.named(name)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "unknown service '"
                            + name
                            + "'; one of "
                            + Arrays.stream(Service.values())
                                .map(Service::configName)
                                .collect(Collectors.joining(", "))));
    service.start(springArguments, true);
    new CountDownLatch(1).await(); // until SIGTERM: Spring's shutdown hook closes the service
    return 0;
  }
}
