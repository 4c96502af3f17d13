package org.fangpin.ip.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.fangpin.casework.Inbox;
import org.fangpin.casework.TaskSource;
import org.fangpin.ip.Patents;
import org.fangpin.ip.Universities;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.springframework.stereotype.Component;

/**
 * 维持/放弃 decisions in a university office's 待办 list: each annual fee of its patents falling due (or still payable
 * late) with no decision yet ({@link Patents#due()}), the fee's day as the deadline. A university holds thousands of
 * patents, not millions: the list is computed whole and paged here.
 */
@Component
class IpTasks implements TaskSource {

    private final Patents patents;
    private final Universities universities;
    private final Permissions permissions;
    private final Clock clock;

    IpTasks(Patents patents, Universities universities, Permissions permissions, Clock clock) {
        this.patents = patents;
        this.universities = universities;
        this.permissions = permissions;
        this.clock = clock;
    }

    @Override
    public Inbox.Action action() {
        return Inbox.Action.DECIDE_PATENT_FEE;
    }

    @Override
    public boolean takenBy(Actor me) {
        return me.role() == Role.UNIVERSITY
                && permissions.has(Permission.IP_MANAGE)
                && universities.find().isPresent();
    }

    @Override
    public Inbox.Group group(Actor me) {
        List<Patents.DecisionDue> due = patents.due();
        LocalDate today = LocalDate.now(clock);
        return new Inbox.Group(
                action(),
                due.size(),
                due.stream().filter(d -> d.dueOn().isBefore(today)).count());
    }

    @Override
    public List<Inbox.Task> page(Actor me, int offset, int limit) {
        LocalDate today = LocalDate.now(clock);
        return patents.due().stream()
                .skip(offset)
                .limit(limit)
                .map(d -> new Inbox.Task(
                        action(),
                        "PATENT",
                        d.patentId(),
                        0,
                        null,
                        null,
                        d.dueOn(),
                        d.dueOn().isBefore(today)))
                .toList();
    }
}
