package dev.cogalign.serviceweb.error;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's report of an error no servlet handled, as a problem detail instead of its HTML page:
 * what a request gets when the container refuses it before any Spring code runs (a path holding
 * {@code %00}, an invalid UTF-8 sequence or an encoded slash: "Invalid URI"). Installed as the
 * host's error report valve by {@link ServletErrorsConfiguration}. Like Tomcat's own, it writes
 * nothing when the status is below 400, something was written already, or the error was reported.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {
  private static final JsonMapper JSON =
      JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int code = response.getStatus();
    if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean();
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    HttpStatus status = HttpStatus.resolve(code);
    ProblemDetail problem =
        status == null
            ? ProblemDetail.forStatus(code)
            : ProblemDetail.forStatusAndDetail(status, ServletErrorController.detail(status));
    problem.setType(ServletErrorController.TYPE_REQUEST_ERROR);
    problem.setInstance(ServletErrorController.instance(request.getRequestURI()));
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("utf-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(problem));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone, or the response cannot take a body: nothing more to tell
    }
  }
}
