package org.fangpin.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.fangpin.common.Labelled;

/**
 * What partners delivered to a project — a 东西部协作 or 定点帮扶 partnership's 援建项目 or 科技成果转化 that names it —
 * for the project's page. Implemented by the module that keeps partnerships (which depends on this one); lists only
 * what the caller may read of partnerships, and nothing withdrawn.
 */
public interface ProjectPartnerDeliveries {

    /**
     * One delivery: its partnership (id, kind, helping unit), the item delivered, the day, and the quantity in the
     * item's unit ({@code money}: in yuan, two decimals).
     */
    record Line(
            long partnershipId,
            Labelled kind,
            String unit,
            Labelled item,
            LocalDate deliveredOn,
            BigDecimal quantity,
            boolean money,
            String unitZh,
            String unitEn) {}

    /** The deliveries naming a project the caller reaches, oldest first. */
    List<Line> ofProject(long projectId);
}
