package dev.cogalign.pipeline.error;

import java.util.List;

/** An upload holds malformed rows; none of its rows was stored (400). */
public class UploadRejectedException extends PipelineException {
  private final long datasetId;
  private final List<LineError> errors;

  public UploadRejectedException(long datasetId, List<LineError> errors) {
    super(
        "upload to dataset "
            + datasetId
            + " rejected: "
            + errors.size()
            + (errors.size() == 1 ? " bad line" : " bad lines")
            + ", nothing stored");
    this.datasetId = datasetId;
    this.errors = List.copyOf(errors);
  }

  public long datasetId() {
    return datasetId;
  }

  public List<LineError> errors() {
    return errors;
  }
}
