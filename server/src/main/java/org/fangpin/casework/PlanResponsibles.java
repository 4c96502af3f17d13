package org.fangpin.casework;

import org.fangpin.casework.internal.Reach;
import org.fangpin.security.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The copy of a household's helper on its plan (ADR 0029): the helper's id, name and account, kept true by the
 * pairing module when a household is paired or unpaired outside its plan and when a helper's details are corrected.
 * Each change gives the plan a new version, so an ETag read before it no longer matches.
 */
@Service
public class PlanResponsibles {

    private final JdbcClient jdbc;
    private final Reach reach;

    PlanResponsibles(JdbcClient jdbc, Reach reach) {
        this.jdbc = jdbc;
        this.reach = reach;
    }

    /**
     * The household's helper changed outside its plan (paired from the helper's page, or unpaired when the helper
     * left): the plan, if there is one, keeps the new helper (null: none) and takes a new version.
     */
    @Transactional
    public void helperChanged(long householdId, PlanHelpers.Named helper) {
        jdbc.sql("""
                update assistance_plan set helper_id = :helper, responsible_name = :name, responsible_user = :username,
                    updated_at = now(), updated_by = :by, version = version + 1
                where household_id = :id""")
                .param("helper", helper == null ? null : helper.id())
                .param("name", helper == null ? null : helper.name())
                .param("username", helper == null ? null : helper.username())
                .param(
                        "by",
                        reach.current() == null ? Actor.SYSTEM : reach.current().username())
                .param("id", householdId)
                .update();
    }

    /** A helper's name or account was corrected: the plans naming them follow. */
    @Transactional
    public void helperRenamed(long helperId, String name, String username) {
        jdbc.sql("update assistance_plan set responsible_name = ?, responsible_user = ?, version = version + 1"
                        + " where helper_id = ?")
                .params(name, username, helperId)
                .update();
    }

    /** The plan (locked, at {@code version}) names the helper, with a new visit interval when one is given. */
    void keep(long householdId, int version, PlanHelpers.Named helper, Integer visitIntervalDays, String by) {
        jdbc.sql("""
                update assistance_plan set helper_id = :helper, responsible_name = :name, responsible_user = :username,
                    visit_interval_days = coalesce(:interval, visit_interval_days),
                    updated_at = now(), updated_by = :by, version = version + 1
                where household_id = :id and version = :version""")
                .param("helper", helper.id())
                .param("name", helper.name())
                .param("username", helper.username())
                .param("interval", visitIntervalDays)
                .param("by", by)
                .param("id", householdId)
                .param("version", version)
                .update();
    }
}
