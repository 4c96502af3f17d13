package org.fangpin.casework;

import java.util.List;
import org.fangpin.security.Actor;

/**
 * Work of another module that waits in the 待办 list beside case work's own (e.g. findings to rectify or to sign
 * off): one {@link Inbox.Action}, whether the signed-in user takes it, its count and a page of its tasks — the most
 * overdue and then the oldest first. Implemented as a bean by the module that holds the work; {@link Inbox} asks
 * every one.
 */
public interface TaskSource {

    /** The action this source's tasks ask for. */
    Inbox.Action action();

    /** Whether the user takes this action at all (their permissions and region). */
    boolean takenBy(Actor me);

    /** How many tasks wait for the user, and how many are past their deadline. */
    Inbox.Group group(Actor me);

    /** A page of them. */
    List<Inbox.Task> page(Actor me, int offset, int limit);
}
