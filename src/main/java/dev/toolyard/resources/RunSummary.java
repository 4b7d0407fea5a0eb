package dev.toolyard.resources;

/** How a run ended: rows read and whether a limit cut the result ({@code truncatedBy} "rows" or "bytes"). */
public record RunSummary(long rows, boolean truncated, String truncatedBy) {

    public static RunSummary complete(long rows) {
        return new RunSummary(rows, false, null);
    }
}
