/** A card a customer had before their current one. */
export interface PreviousCard {
    cardNumber: string;
    replacedAt: Date;
}

/**
 * The card replacements the customer card shows (`refill_card_replacements`,
 * kept by the card replacement at the desk): the cards a customer had
 * before, and which customer an old card now leads to.
 */
export interface CardReplacementsReader {
    /** The customer's earlier cards, latest replacement first. */
    previousCards(customerId: number): Promise<PreviousCard[]>;
    /** The replacement of an old card: whose it was and when it was replaced; null if it never was. */
    replacementOf(cardNumber: string): Promise<{ customerId: number; replacedAt: Date } | null>;
}

/** The reader for an instance without card replacements: no customer ever had another card. */
export const NO_CARD_REPLACEMENTS: CardReplacementsReader = {
    previousCards: async () => [],
    replacementOf: async () => null,
};
