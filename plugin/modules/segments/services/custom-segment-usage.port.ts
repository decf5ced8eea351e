/**
 * Which active chains address a segment: archiving a segment they use is
 * refused (409). The chains module implements it; the composition root
 * passes it in (until then, no segment is in use).
 */
export interface CustomSegmentUsage {
    /** Names (or ids) of the active chains whose audience is segment `segmentId`. */
    activeChainsUsing(segmentId: number): Promise<string[]>;
}

/** The usage check before any chain can use a segment: none does. */
export const NO_SEGMENT_USAGE: CustomSegmentUsage = {
    activeChainsUsing: async () => [],
};
