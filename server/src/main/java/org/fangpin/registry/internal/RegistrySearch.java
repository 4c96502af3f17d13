package org.fangpin.registry.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.Page;
import org.fangpin.registry.PersonView;
import org.fangpin.registry.Registry;
import org.fangpin.registry.internal.RegistryStore.HouseholdRow;
import org.fangpin.registry.internal.RegistryStore.PersonRow;
import org.springframework.stereotype.Component;

/**
 * Searches over current households and persons inside the caller's scope, a page at a time (at most {@link
 * Registry#MAX_PAGE}) with an opaque keyset cursor.
 */
@Component
public class RegistrySearch {

    private final RegistryStore store;
    private final RegistryAccess access;
    private final RegistryViews views;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Messages messages;

    RegistrySearch(
            RegistryStore store,
            RegistryAccess access,
            RegistryViews views,
            DataScope dataScope,
            RegionDirectory regions,
            Messages messages) {
        this.store = store;
        this.access = access;
        this.views = views;
        this.dataScope = dataScope;
        this.regions = regions;
        this.messages = messages;
    }

    /** Households with their current members. */
    public Page<HouseholdView> households(HouseholdQuery q) {
        int limit = Math.max(1, Math.min(q.limit(), Registry.MAX_PAGE));
        Optional<RegionCode.CodeRange> scope = reach(q.regionCode());
        if (scope.isPresent() && scope.get() == RegionCode.CodeRange.NOTHING) {
            return new Page<>(List.of(), null);
        }
        Long after = q.after() == null ? null : decodeCursor(q.after());
        List<HouseholdRow> rows = store.search(q, scope.orElse(null), after, limit + 1);
        boolean more = rows.size() > limit;
        List<HouseholdRow> pageRows = rows.subList(0, Math.min(limit, rows.size()));
        Map<Long, List<PersonRow>> members =
                store.currentMembers(pageRows.stream().map(h -> h.meta().id()).toList());
        List<HouseholdView> items = pageRows.stream()
                .map(h -> views.household(h, members.getOrDefault(h.meta().id(), List.of())))
                .toList();
        String next = more ? encodeCursor(items.get(items.size() - 1).id()) : null;
        return new Page<>(items, next);
    }

    /** Persons by region, name prefix or ID number (each null when not used); a null cursor is the first page. */
    public Page<PersonView> persons(String regionCode, String name, String idNumber, String cursor, int limit) {
        int n = Math.max(1, Math.min(limit, Registry.MAX_PAGE));
        Optional<RegionCode.CodeRange> scope = reach(regionCode);
        if (scope.isPresent() && scope.get() == RegionCode.CodeRange.NOTHING) {
            return new Page<>(List.of(), null);
        }
        List<PersonRow> rows = store.searchPersons(
                scope.orElse(null), name, idNumber, cursor == null ? null : decodeCursor(cursor), n + 1);
        List<PersonView> items = rows.subList(0, Math.min(n, rows.size())).stream()
                .map(views::person)
                .toList();
        return new Page<>(
                items,
                rows.size() > n ? encodeCursor(items.get(items.size() - 1).id()) : null);
    }

    /**
     * The region range a search may cover: the requested region narrowed to the caller's data scope (403 when it
     * lies outside), or the whole scope when no region was asked for (null); empty means the whole tree (system
     * callers).
     */
    private Optional<RegionCode.CodeRange> reach(String regionCode) {
        DataScope.Scope scope = dataScope.current();
        if (regionCode != null) {
            Region region = regions.find(regionCode)
                    .orElseThrow(
                            () -> ApiException.invalid("region", messages.get("region.error.unknown", regionCode)));
            return Optional.of(scope.within(region).orElseThrow(() -> access.outOfScope(region.code())));
        }
        if (scope instanceof DataScope.Scope.Subtree s) {
            return Optional.of(s.region().subtree());
        }
        return scope instanceof DataScope.Scope.Nothing ? Optional.of(RegionCode.CodeRange.NOTHING) : Optional.empty();
    }

    private static String encodeCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("h:" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static long decodeCursor(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!s.startsWith("h:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(s.substring(2));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("problem.cursor.invalid");
        }
    }
}
