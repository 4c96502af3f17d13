package org.fangpin.pairing;

import org.fangpin.ip.TechAssistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A university's 科技帮扶 deal, booked as a delivery of its partnership with the deal's region (see {@link
 * PartnershipDeliveries#bookTagged}) in the deal's own transaction, under a savepoint: should the booking fail, the
 * deal stands and the region's office books it by hand.
 */
@Component
class TechnologyBooking {

    private static final Logger log = LoggerFactory.getLogger(TechnologyBooking.class);

    private final PartnershipDeliveries deliveries;
    private final TransactionTemplate nested;

    TechnologyBooking(PartnershipDeliveries deliveries, PlatformTransactionManager transactions) {
        this.deliveries = deliveries;
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @EventListener
    void on(TechAssistance.Tagged t) {
        try {
            nested.executeWithoutResult(s -> deliveries.bookTagged(t));
        } catch (RuntimeException e) {
            log.warn("科技帮扶 deal {} not booked to a partnership: {}", t.dealId(), e.getMessage());
        }
    }
}
