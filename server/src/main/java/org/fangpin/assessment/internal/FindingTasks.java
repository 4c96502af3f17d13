package org.fangpin.assessment.internal;

import java.util.List;
import org.fangpin.assessment.FindingLists;
import org.fangpin.assessment.FindingLists.WaitingFor;
import org.fangpin.casework.Inbox;
import org.fangpin.casework.TaskSource;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.stereotype.Component;

/**
 * 整改 in the 待办 list: findings to rectify for those who rectify (their region answers for them), requests to close
 * findings for those who issue them (their own region's). Counted and paged by {@link FindingLists#waitingPage}.
 */
abstract class FindingTasks implements TaskSource {

    private final FindingLists findings;
    private final Permissions permissions;
    private final WaitingFor kind;
    private final Permission permission;

    FindingTasks(FindingLists findings, Permissions permissions, WaitingFor kind, Permission permission) {
        this.findings = findings;
        this.permissions = permissions;
        this.kind = kind;
        this.permission = permission;
    }

    @Override
    public boolean takenBy(Actor me) {
        return me.regionCode() != null && permissions.has(permission);
    }

    @Override
    public Inbox.Group group(Actor me) {
        FindingLists.Waiting w = findings.waiting();
        return kind == WaitingFor.RECTIFY
                ? new Inbox.Group(action(), w.toRectify(), w.overdue())
                : new Inbox.Group(action(), w.toSignOff(), 0);
    }

    @Override
    public List<Inbox.Task> page(Actor me, int offset, int limit) {
        return findings.waitingPage(kind, offset, limit).items().stream()
                .map(f -> new Inbox.Task(
                        action(),
                        "FINDING",
                        f.id(),
                        0,
                        null,
                        f.region(),
                        kind == WaitingFor.RECTIFY ? f.deadline() : null,
                        kind == WaitingFor.RECTIFY && f.overdue()))
                .toList();
    }

    /** Findings the user's region answers for, to rectify. */
    @Component
    static class Rectify extends FindingTasks {

        Rectify(FindingLists findings, Permissions permissions) {
            super(findings, permissions, WaitingFor.RECTIFY, Permission.RECTIFY);
        }

        @Override
        public Inbox.Action action() {
            return Inbox.Action.RECTIFY_FINDING;
        }
    }

    /** Findings the user's region issued, their close requested. */
    @Component
    static class SignOff extends FindingTasks {

        SignOff(FindingLists findings, Permissions permissions) {
            super(findings, permissions, WaitingFor.SIGN_OFF, Permission.FINDING_ISSUE);
        }

        @Override
        public Inbox.Action action() {
            return Inbox.Action.SIGN_OFF_FINDING;
        }
    }
}
