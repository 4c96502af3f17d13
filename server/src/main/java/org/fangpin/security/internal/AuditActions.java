package org.fangpin.security.internal;

import java.util.Optional;
import org.fangpin.common.i18n.Messages;
import org.springframework.stereotype.Component;

/** What an audit entry's action code means, in the reader's language (a case step's as the case page names it). */
@Component("auditActions")
public class AuditActions {

    private final Messages messages;

    AuditActions(Messages messages) {
        this.messages = messages;
    }

    /** The action's name; the code itself only for an action a later release no longer names. */
    public String label(String action) {
        return messages.find("audit.action." + action)
                .or(() -> action.startsWith("CASE_")
                        ? messages.find("casework.action." + action.substring(5))
                        : Optional.empty())
                .orElse(action);
    }

    /** What kind of thing an entry is about (农户, 帮扶措施), in the reader's language. */
    public String entity(String entity) {
        return entity == null ? "" : messages.find("audit.entity." + entity).orElse(entity);
    }
}
