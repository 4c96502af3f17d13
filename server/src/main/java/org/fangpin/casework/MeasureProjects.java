package org.fangpin.casework;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The projects a household's assistance measure may name (产业帮扶 paid by a project, a 公益岗位 of one): implemented by
 * the module that keeps projects, so that case work does not depend on it.
 */
public interface MeasureProjects {

    /** A project as a measure names it; {@code reachable}: whether the reader may open it. */
    @Schema(name = "ProjectRef")
    record Named(long id, String projectNo, String name, boolean reachable) {}

    /** The project a measure of a household in a village may name; empty when it may not. */
    Optional<Named> forVillage(long projectId, String villageCode);

    /** The projects a measure of a household in a village may name, newest first (at most {@code limit}). */
    List<Named> forVillage(String villageCode, int limit);

    /** Number and name of projects by id (public facts: projects are publicised), and whether the reader reaches each. */
    Map<Long, Named> names(Collection<Long> ids);
}
