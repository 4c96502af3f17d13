package org.fangpin.registry.internal;

import java.util.List;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.registry.internal.RegistryStore.HouseholdRow;
import org.fangpin.registry.internal.RegistryStore.PersonRow;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The caller's data scope over the registry: which households and persons a caller may see and change. What lies
 * outside is not found (404), so that its existence is not disclosed; a change outside is forbidden (403).
 */
@Component
public class RegistryAccess {

    private final RegistryStore store;
    private final DataScope dataScope;

    RegistryAccess(RegistryStore store, DataScope dataScope) {
        this.store = store;
        this.dataScope = dataScope;
    }

    public boolean visible(String villageCode) {
        return dataScope.current().covers(villageCode);
    }

    public boolean householdVisible(long householdId) {
        return store.currentHousehold(householdId)
                .filter(h -> visible(h.fields().villageCode()))
                .isPresent();
    }

    /** Writes only inside the caller's scope: 403 otherwise. */
    public void requireWritable(String villageCode) {
        if (!visible(villageCode)) {
            throw outOfScope(villageCode);
        }
    }

    /** The part of a region's subtree inside the caller's scope: 403 when none of it is. */
    public RegionCode.CodeRange within(Region region) {
        return dataScope.current().within(region).orElseThrow(() -> outOfScope(region.code()));
    }

    public ApiException outOfScope(String code) {
        return new ApiException(HttpStatus.FORBIDDEN, "out-of-scope", "scope.outside", List.of(), code);
    }

    /** The current household if the caller may see it: 404 otherwise (its existence is not disclosed). */
    public HouseholdRow currentHousehold(long id) {
        return store.currentHousehold(id)
                .filter(h -> !h.meta().deleted())
                .filter(h -> visible(h.fields().villageCode()))
                .orElseThrow(() -> ApiException.notFound("registry.household.not-found", id));
    }

    /** The current person if the caller may see their household: 404 otherwise. */
    public PersonRow currentPerson(long id) {
        return store.currentPerson(id)
                .filter(p -> !p.meta().deleted())
                .filter(p -> householdVisible(p.householdId()))
                .orElseThrow(() -> ApiException.notFound("registry.person.not-found", id));
    }
}
