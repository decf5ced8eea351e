/** A name with the Latin spelling used in demo e-mail addresses. */
type Name = readonly [cyrillic: string, latin: string];

/** Common Russian women's first names. */
export const FEMALE_NAMES: readonly Name[] = [
    ['Елена', 'elena'],
    ['Ольга', 'olga'],
    ['Наталья', 'natalya'],
    ['Татьяна', 'tatyana'],
    ['Ирина', 'irina'],
    ['Светлана', 'svetlana'],
    ['Галина', 'galina'],
    ['Людмила', 'lyudmila'],
    ['Анна', 'anna'],
    ['Мария', 'maria'],
    ['Валентина', 'valentina'],
    ['Екатерина', 'ekaterina'],
    ['Нина', 'nina'],
    ['Любовь', 'lyubov'],
];

/** Common Russian men's first names. */
export const MALE_NAMES: readonly Name[] = [
    ['Александр', 'aleksandr'],
    ['Сергей', 'sergey'],
    ['Владимир', 'vladimir'],
    ['Андрей', 'andrey'],
    ['Алексей', 'aleksey'],
    ['Николай', 'nikolay'],
    ['Михаил', 'mikhail'],
    ['Виктор', 'viktor'],
    ['Дмитрий', 'dmitry'],
    ['Юрий', 'yury'],
    ['Игорь', 'igor'],
    ['Евгений', 'evgeny'],
];

/** Common Russian surnames in the masculine form (the feminine one follows from it). */
export const SURNAMES: readonly Name[] = [
    ['Иванов', 'ivanov'],
    ['Смирнов', 'smirnov'],
    ['Кузнецов', 'kuznetsov'],
    ['Попов', 'popov'],
    ['Васильев', 'vasiliev'],
    ['Петров', 'petrov'],
    ['Соколов', 'sokolov'],
    ['Михайлов', 'mikhailov'],
    ['Новиков', 'novikov'],
    ['Фёдоров', 'fedorov'],
    ['Морозов', 'morozov'],
    ['Волков', 'volkov'],
    ['Алексеев', 'alekseev'],
    ['Лебедев', 'lebedev'],
    ['Семёнов', 'semenov'],
    ['Егоров', 'egorov'],
    ['Павлов', 'pavlov'],
    ['Козлов', 'kozlov'],
    ['Степанов', 'stepanov'],
    ['Никитин', 'nikitin'],
    ['Орлов', 'orlov'],
    ['Захаров', 'zakharov'],
    ['Зайцев', 'zaitsev'],
    ['Соловьёв', 'solovyov'],
    ['Белов', 'belov'],
    ['Жуковский', 'zhukovsky'],
];

/** The feminine form of a surname (Иванов → Иванова, Жуковский → Жуковская). */
export function feminineSurname(surname: Name): Name {
    const [cyr, lat] = surname;
    if (cyr.endsWith('ий')) return [`${cyr.slice(0, -2)}ая`, `${lat.slice(0, -1)}aya`];
    return [`${cyr}а`, `${lat}a`];
}

/**
 * Mobile codes (the three digits after +7) of the Russian operators, for
 * demo phone numbers.
 */
export const MOBILE_CODES: readonly number[] = [
    901, 903, 905, 906, 909, 910, 911, 912, 913, 914, 915, 916, 917, 918, 919, 920, 921, 922, 923, 924, 925,
    926, 927, 928, 929, 930, 931, 932, 933, 937, 938, 950, 951, 952, 953, 960, 961, 962, 963, 964, 965, 966,
    967, 968, 977, 980, 981, 982, 983, 985, 987, 988, 989, 991, 993, 995, 996, 999,
];

/** Reserved (RFC 2606) mail domains: demo addresses can never reach anyone. */
export const MAIL_DOMAINS: readonly string[] = ['example.com', 'example.net', 'example.org'];
