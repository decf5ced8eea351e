import nodemailer, { type Transporter } from 'nodemailer';
import {
    ChannelError,
    type ChannelProvider,
    type OutgoingMessage,
    type SendResult,
} from './channel-provider.js';
import type { CommonProviderOptions, SmtpSettings } from '../../../kernel/vocabulary/channel-providers.js';
import { priceOf, senderOf } from './traffic-pricing.js';

/** Smtp settings (the kernel's vocabulary). */
export type { SmtpSettings } from '../../../kernel/vocabulary/channel-providers.js';

/**
 * Email through any SMTP server with nodemailer: subject, HTML and text
 * parts; marketing mail carries `List-Unsubscribe` and one-click
 * `List-Unsubscribe-Post`. The Message-ID derives from the message key, so
 * a retried send is recognisable downstream.
 */
export class SmtpProvider implements ChannelProvider {
    readonly id = 'smtp';
    readonly channel = 'email' as const;
    private readonly transport: Transporter;

    constructor(private readonly settings: SmtpSettings & CommonProviderOptions) {
        const timeout = settings.timeoutMs ?? 10_000;
        this.transport = nodemailer.createTransport({
            host: settings.host,
            port: settings.port,
            secure: settings.secure ?? false,
            auth: settings.auth,
            connectionTimeout: timeout,
            greetingTimeout: timeout,
            socketTimeout: timeout,
            tls: { rejectUnauthorized: settings.secure ?? false },
        });
    }

    /** Sends one email. */
    async send(message: OutgoingMessage): Promise<SendResult> {
        const domain =
            this.settings.messageIdDomain ??
            this.settings.from.split('@').pop()?.replace(/>$/, '') ??
            'refill';
        const messageId = `<${message.key.replace(/[^A-Za-z0-9._-]/g, '.')}@${domain}>`;
        const headers: Record<string, string> = {};
        if (message.marketing && message.unsubscribeUrl) {
            headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
            headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
        }
        try {
            const info = await this.transport.sendMail({
                from: senderOf(message, this.settings, this.settings.from),
                to: message.to,
                subject: message.subject ?? '',
                text: message.text,
                html: message.html,
                messageId,
                headers,
            });
            return {
                providerMessageId: String(info.messageId ?? messageId),
                cost: priceOf(message, this.settings, this.settings.costPerMessage ?? 0),
                status: 'accepted',
            };
        } catch (error) {
            throw smtpError(error as Error & { responseCode?: number; code?: string });
        }
    }

    /** Closes pooled connections. */
    close(): void {
        this.transport.close();
    }
}

function smtpError(error: Error & { responseCode?: number; code?: string }): ChannelError {
    const code = error.responseCode;
    if (code && code >= 500 && code < 600)
        return new ChannelError('CHANNEL_REJECTED', `SMTP server refused the message (${code})`, false);
    if (code && code >= 400)
        return new ChannelError('CHANNEL_UNAVAILABLE', `SMTP server deferred (${code})`, true);
    if (error.code === 'ETIMEDOUT' || /timeout/i.test(error.message))
        return new ChannelError('CHANNEL_TIMEOUT', 'SMTP server did not answer in time', true);
    if (error.code === 'EAUTH') return new ChannelError('CHANNEL_AUTH', 'SMTP authentication failed', false);
    return new ChannelError('CHANNEL_UNAVAILABLE', `SMTP connection failed (${error.code ?? 'error'})`, true);
}
