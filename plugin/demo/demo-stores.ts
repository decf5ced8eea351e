import { DateTime } from 'luxon';

/** A pharmacy of the demo chain. */
export interface DemoStore {
    /** Store code such as `MSK-001`. */
    code: string;
    name: string;
    city: string;
    /** IANA timezone. */
    timezone: string;
    /** Offset from UTC at generation time, minutes (Russia keeps no daylight saving time). */
    utcOffsetMinutes: number;
}

interface City {
    prefix: string;
    name: string;
    timezone: string;
    /** Relative share of the chain's stores. */
    weight: number;
    streets: readonly string[];
}

/** Cities in the order their first store opens; most of the chain is on Moscow time. */
const CITIES: readonly City[] = [
    {
        prefix: 'MSK',
        name: 'Москва',
        timezone: 'Europe/Moscow',
        weight: 30,
        streets: ['ул. Тверская', 'Ленинский пр-т', 'ул. Профсоюзная', 'Варшавское ш.', 'ул. Маросейка'],
    },
    {
        prefix: 'SPB',
        name: 'Санкт-Петербург',
        timezone: 'Europe/Moscow',
        weight: 14,
        streets: ['Невский пр-т', 'Московский пр-т', 'ул. Савушкина', 'Лиговский пр-т'],
    },
    {
        prefix: 'EKB',
        name: 'Екатеринбург',
        timezone: 'Asia/Yekaterinburg',
        weight: 8,
        streets: ['ул. Малышева', 'ул. 8 Марта', 'пр-т Ленина'],
    },
    {
        prefix: 'NSK',
        name: 'Новосибирск',
        timezone: 'Asia/Novosibirsk',
        weight: 7,
        streets: ['Красный пр-т', 'ул. Ленина', 'ул. Богдана Хмельницкого'],
    },
    {
        prefix: 'KZN',
        name: 'Казань',
        timezone: 'Europe/Moscow',
        weight: 7,
        streets: ['ул. Баумана', 'пр-т Победы', 'ул. Пушкина'],
    },
    {
        prefix: 'SAM',
        name: 'Самара',
        timezone: 'Europe/Samara',
        weight: 5,
        streets: ['ул. Куйбышева', 'Московское ш.', 'ул. Ново-Садовая'],
    },
    {
        prefix: 'NNV',
        name: 'Нижний Новгород',
        timezone: 'Europe/Moscow',
        weight: 6,
        streets: ['ул. Большая Покровская', 'пр-т Гагарина'],
    },
    {
        prefix: 'KRR',
        name: 'Краснодар',
        timezone: 'Europe/Moscow',
        weight: 6,
        streets: ['ул. Красная', 'ул. Северная', 'ул. Ставропольская'],
    },
    {
        prefix: 'KRS',
        name: 'Красноярск',
        timezone: 'Asia/Krasnoyarsk',
        weight: 4,
        streets: ['пр-т Мира', 'ул. Карла Маркса'],
    },
    {
        prefix: 'KGD',
        name: 'Калининград',
        timezone: 'Europe/Kaliningrad',
        weight: 3,
        streets: ['Ленинский пр-т', 'ул. Черняховского'],
    },
    { prefix: 'OMS', name: 'Омск', timezone: 'Asia/Omsk', weight: 3, streets: ['ул. Ленина', 'пр-т Маркса'] },
    {
        prefix: 'VVO',
        name: 'Владивосток',
        timezone: 'Asia/Vladivostok',
        weight: 3,
        streets: ['Океанский пр-т', 'ул. Светланская'],
    },
];

/** The default number of stores: about one per 5,000 customers, at least 3, at most 5,000. */
export function defaultStoreCount(customers: number): number {
    return Math.min(5000, Math.max(3, Math.round(customers / 5000)));
}

/**
 * The chain's stores: `count` pharmacies, one in each city first (in list
 * order), then shared out by city size. The list depends only on `count`,
 * not on the seed; `now` fixes the UTC offsets.
 */
export function demoStores(count: number, now: Date = new Date()): DemoStore[] {
    const perCity = CITIES.map(() => 0);
    const stores: DemoStore[] = [];
    for (let i = 0; i < count; i++) {
        let city = i;
        if (i >= CITIES.length) {
            // Webster's method: the city furthest below its share gets the next store.
            city = 0;
            for (let c = 1; c < CITIES.length; c++) {
                if (CITIES[c].weight / (perCity[c] + 0.5) > CITIES[city].weight / (perCity[city] + 0.5))
                    city = c;
            }
        }
        const c = CITIES[city];
        const n = ++perCity[city];
        const street = c.streets[(n - 1) % c.streets.length];
        const house = ((n * 37 + city * 11) % 140) + 1;
        stores.push({
            code: `${c.prefix}-${String(n).padStart(3, '0')}`,
            name: `Аптека «Рефил» ${c.name}, ${street}, ${house}`,
            city: c.name,
            timezone: c.timezone,
            utcOffsetMinutes: DateTime.fromJSDate(now).setZone(c.timezone).offset,
        });
    }
    return stores;
}
