package dev.cogalign.trainer.model;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** Spring Data's view of {@code trainer.model}; {@link ModelRepository} is what services call. */
interface ModelRows extends Repository<ModelEntity, Long> {

  @Transactional
  ModelEntity save(ModelEntity model);

  Optional<ModelEntity> findById(Long id);

  Optional<ModelEntity> findByPathAndKind(String path, ModelKind kind);

  /** Newest first, keyset-paginated on the id. */
  Window<ModelEntity> findByOrderByIdDesc(ScrollPosition position, Limit limit);

  /**
   * Registers a folder unless a BASE model has it. Native: JPA has no {@code insert … on conflict
   * do nothing}, and a find-then-insert would race two registrations of one folder into the partial
   * unique index {@code model_base_path}.
   */
  @Transactional
  @Query(
      nativeQuery = true,
      value =
          """
          insert into model (name, path, kind, code_version, created_at, allow_partial)
          values (:name, :path, 'BASE', :codeVersion, :now, false)
          on conflict (path) where kind = 'BASE' do nothing returning id""")
  Optional<Long> insertBaseUnlessPresent(
      @Param("name") String name,
      @Param("path") String path,
      @Param("codeVersion") String codeVersion,
      @Param("now") Instant now);

  @Transactional
  @Modifying
  @Query(
      """
      update ModelEntity m set m.betas = :betas, m.betasSource = :betasSource,
          m.allowPartial = :allowPartial
      where m.id = :id""")
  int recordProvenance(
      @Param("id") long id,
      @Param("betas") String betas,
      @Param("betasSource") String betasSource,
      @Param("allowPartial") boolean allowPartial);

  /** One ancestor of one of {@code ids}, {@code depth} 1 being its parent. */
  interface Ancestor {
    long getModelId();

    long getAncestorId();

    int getDepth();
  }

  /**
   * The ancestors of every model in {@code ids}, in one statement whatever the page's size or the
   * chains' depth. Native: a recursive common table expression (the lineage is a parent chain).
   */
  @Query(
      nativeQuery = true,
      value =
          """
          with recursive up (model_id, ancestor_id, depth) as (
            select id, parent_id, 1 from model where id in (:ids) and parent_id is not null
            union all
            select up.model_id, m.parent_id, up.depth + 1
            from up join model m on m.id = up.ancestor_id
            where m.parent_id is not null and up.depth < 1000)
          select model_id as "modelId", ancestor_id as "ancestorId", depth as "depth" from up""")
  List<Ancestor> ancestors(@Param("ids") Collection<Long> ids);
}
