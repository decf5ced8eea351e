import type { MessageId } from '../../../i18n/messages';

/** The plan's and estimate's warnings (English sentences from the API) that the UI says in the user's words. */
const KNOWN: ReadonlyArray<[RegExp, MessageId]> = [
    [/^Without a control group/, 'campaigns.warning.noControl'],
    [/^The planned cohort is too small/, 'campaigns.warning.tooSmall'],
    [
        /^The expected uplift \(([\d.]+) pp\) is below the minimum detectable effect \(([\d.]+) pp\)/,
        'campaigns.warning.belowMde',
    ],
    [/^The history has no category revenue/, 'campaigns.warning.noRevenueHistory'],
    [/^No expected conversion given and too little history/, 'campaigns.warning.defaultBaseline'],
    [/^No past campaigns and no expected uplift/, 'campaigns.warning.noForecast'],
    [/^Nobody is eligible today/, 'campaigns.warning.nobodyToday'],
    [/^The category \S+ is being rebuilt/, 'campaigns.warning.rebuilding'],
    [/^A day's \d+ messages do not fit in the sending window/, 'campaigns.warning.notFitting'],
];

/** A warning as a message id with its values (`uplift`, `mde` for the MDE warning), or null when unknown. */
export function warningMessage(warning: string): { id: MessageId; values: Record<string, string> } | null {
    for (const [pattern, id] of KNOWN) {
        const match = pattern.exec(warning);
        if (match) return { id, values: { uplift: match[1] ?? '', mde: match[2] ?? '' } };
    }
    return null;
}
