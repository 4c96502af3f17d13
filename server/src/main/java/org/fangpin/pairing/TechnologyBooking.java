package org.fangpin.pairing;

import org.fangpin.ip.TechAssistance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A university's 科技帮扶 deal, booked as a delivery of its partnership with the deal's region (see {@link PartnershipDeliveries#bookTagged}). */
@Component
class TechnologyBooking {

    private final PartnershipDeliveries deliveries;

    TechnologyBooking(PartnershipDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @EventListener
    void on(TechAssistance.Tagged t) {
        deliveries.bookTagged(t);
    }
}
