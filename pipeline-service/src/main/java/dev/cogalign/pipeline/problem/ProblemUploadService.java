package dev.cogalign.pipeline.problem;

import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.pipeline.dataset.DatasetRepository;
import dev.cogalign.pipeline.error.BadRequestException;
import dev.cogalign.pipeline.error.LineError;
import dev.cogalign.pipeline.error.UploadRejectedException;
import dev.cogalign.pipeline.revision.CotText;
import dev.cogalign.pipeline.revision.NewRevision;
import dev.cogalign.pipeline.revision.RevisionRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores an upload of problems in one transaction: every row or none. A row whose external id is
 * already in the dataset is counted as existing and left as it is; a new row with a CoT gets it as
 * its first revision (origin TEACHER), in GSM8K form ending with {@code #### answer}.
 */
@Service
public class ProblemUploadService {
  /** How an upload body is laid out. */
  public enum Format {
    JSON_LINES,
    JSON_ARRAY
  }

  private final DatasetRepository datasets;
  private final ProblemRepository problems;
  private final RevisionRepository revisions;
  private final UploadParser parser;

  ProblemUploadService(
      DatasetRepository datasets,
      ProblemRepository problems,
      RevisionRepository revisions,
      JsonMapper mapper,
      UploadProperties limits) {
    this.datasets = datasets;
    this.problems = problems;
    this.revisions = revisions;
    this.parser = new UploadParser(mapper, limits.maxRows());
  }

  @Transactional
  public UploadResult upload(long datasetId, String body, Format format) {
    datasets.get(datasetId);
    UploadParser.Parsed parsed =
        format == Format.JSON_LINES ? parser.jsonLines(body) : parser.jsonArray(body);
    if (!parsed.errors.isEmpty()) {
      List<LineError> errors = parsed.errors;
      throw new UploadRejectedException(datasetId, errors);
    }
    if (parsed.rows.isEmpty()) {
      throw new BadRequestException("body", "upload holds no rows");
    }
    Map<String, Long> created = problems.insertIfAbsent(datasetId, parsed.rows);
    int count = created.size();
    List<NewRevision> teachers = new ArrayList<>();
    for (ParsedRow row : parsed.rows) {
      Long id = created.remove(row.externalId());
      String cot = row.input().cot();
      if (id != null && cot != null) {
        teachers.add(
            new NewRevision(
                id,
                null,
                RevisionOrigin.TEACHER,
                CotText.withAnswer(cot, row.input().goldAnswer()),
                null));
      }
    }
    revisions.appendAll(teachers);
    return new UploadResult(count, parsed.rows.size() - count);
  }
}
