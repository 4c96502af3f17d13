package org.fangpin.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of a keyset-paginated list; {@code nextCursor} is null on the last page. */
public record Page<T>(
        List<T> items,
        @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {}
