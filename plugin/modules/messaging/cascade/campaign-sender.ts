/** A composed message with its campaign's own sender name, when the campaign has one. */
export function withSender<M extends { sender?: string }>(
    message: M,
    campaign: { senderName?: string | null } | undefined,
): M {
    return campaign?.senderName ? { ...message, sender: campaign.senderName } : message;
}
