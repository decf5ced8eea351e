import { nameSearchKey, normalisePhone } from '../../plugin/modules/customers/index.js';
import type { SqlClient } from '../expiry/sql-client.js';
import { seededRandom } from '../lib/workload.js';

/** The kinds of search the desk makes, as the benchmark measures them. */
export const SEARCH_KINDS = ['phone', 'card', 'email', 'name'] as const;

/** One of {@link SEARCH_KINDS}. */
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One search: what the person typed, and what the hand-written baseline binds for the same look-up. */
export interface SearchCase {
    kind: SearchKind;
    /** As typed at the desk (`+7 901 234-56-78`, a card, an e-mail, the start of a surname). */
    typed: string;
    /** The baseline's values: the E.164 phone, the card (and its phone), the e-mail, the name key. */
    values: string[];
}

const SURNAMES = [
    'Иванов',
    'Смирнов',
    'Кузнецов',
    'Попов',
    'Васильев',
    'Петров',
    'Соколов',
    'Михайлов',
    'Новиков',
    'Фёдоров',
    'Морозов',
    'Волков',
    'Алексеев',
    'Лебедев',
    'Семёнов',
    'Егоров',
    'Павлов',
    'Козлов',
    'Степанов',
    'Николаев',
    'Орлов',
    'Андреев',
    'Макаров',
    'Никитин',
    'Захаров',
    'Зайцев',
    'Соловьёв',
    'Борисов',
    'Яковлев',
    'Григорьев',
    'Романов',
    'Воробьёв',
    'Сергеев',
    'Кузьмин',
    'Фролов',
    'Александров',
    'Дмитриев',
    'Королёв',
    'Гусев',
    'Киселёв',
];
const FIRST_NAMES = [
    'Анна',
    'Мария',
    'Елена',
    'Ольга',
    'Наталья',
    'Алексей',
    'Дмитрий',
    'Сергей',
    'Иван',
    'Пётр',
];

/** Card number of the i-th seeded customer: 12 digits, as loyalty cards print them. */
export const cardOf = (i: number): string => `26${String(i).padStart(10, '0')}`;
/** E.164 phone of the i-th seeded customer. */
export const phoneOf = (i: number): string => `+7901${String(i).padStart(7, '0')}`;
/** E-mail of the i-th seeded customer. */
export const emailOf = (i: number): string => `client${i}@example.ru`;
/** Name of the i-th seeded customer. */
export const nameOf = (i: number): string => {
    const surname = SURNAMES[i % SURNAMES.length];
    return `${i % 2 ? `${surname}а` : surname} ${FIRST_NAMES[(i * 7) % FIRST_NAMES.length]}`;
};

/**
 * Seeds customers 1…`count` with a card, phone, e-mail and name (and its
 * search key, as Refill stores it), with hand-written multi-row INSERTs
 * (setup, not measured), then refreshes the planner's statistics.
 */
export async function seedCustomers(
    client: SqlClient,
    count: number,
    onProgress: (done: number) => void,
): Promise<void> {
    const at = new Date().toISOString().replace('T', ' ').slice(0, 23);
    const batch = 2000;
    for (let from = 1; from <= count; from += batch) {
        const to = Math.min(count, from + batch - 1);
        const params: unknown[] = [];
        for (let i = from; i <= to; i++)
            params.push(i, cardOf(i), phoneOf(i), emailOf(i), nameOf(i), nameSearchKey(nameOf(i)), at, at);
        await client.transaction(() =>
            client.run(
                `INSERT INTO refill_customers (id, card_number, phone, email, name, name_search, enrolled_at, updated_at) VALUES ${new Array(to - from + 1).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
                params,
            ),
        );
        onProgress(to);
    }
    await client.exec(client.engine === 'mysql' ? 'ANALYZE TABLE refill_customers' : 'ANALYZE');
}

/** `count` searches of `kind` for random seeded customers, typed as a person would. */
export function searchCases(kind: SearchKind, customers: number, count: number, seed: number): SearchCase[] {
    const random = seededRandom(seed);
    return Array.from({ length: count }, () => {
        const i = 1 + Math.floor(random() * customers);
        const phone = phoneOf(i);
        switch (kind) {
            case 'phone':
                // `+7 901 234-56-78` or `8 (901) 2345678`, half each.
                return {
                    kind,
                    typed:
                        random() < 0.5
                            ? `+7 ${phone.slice(2, 5)} ${phone.slice(5, 8)}-${phone.slice(8, 10)}-${phone.slice(10)}`
                            : `8 (${phone.slice(2, 5)}) ${phone.slice(5)}`,
                    values: [phone],
                };
            case 'card': {
                // Digits are a card, or the phone they make: the baseline looks both up too.
                const asPhone = normalisePhone(cardOf(i), 'RU');
                return { kind, typed: cardOf(i), values: asPhone ? [cardOf(i), asPhone] : [cardOf(i)] };
            }
            case 'email':
                return { kind, typed: emailOf(i).toUpperCase(), values: [emailOf(i)] };
            case 'name': {
                const name = nameOf(i);
                const typed = name.slice(0, 3 + Math.floor(random() * (name.length - 3)));
                return { kind, typed, values: [nameSearchKey(typed)] };
            }
        }
    });
}
