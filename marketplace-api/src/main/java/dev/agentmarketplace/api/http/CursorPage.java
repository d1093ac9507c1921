package dev.agentmarketplace.api.http;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a listing; pass {@code nextCursor} back as {@code after} for the next page. */
public record CursorPage<T>(
        List<T> items,

        @Schema(description = "Cursor of the next page; null on the last page", nullable = true)
        String nextCursor) {}
