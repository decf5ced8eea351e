import type { DemoChronicGroup, DemoProduct } from './demo-catalog.types.js';

/** A chronic product: SKU, name, ATC, price in roubles, days per pack, prescription only. */
type Row = [sku: string, name: string, atc: string, roubles: number, packDays: number, rx?: boolean];

const products = (rows: Row[]): DemoProduct[] =>
    rows.map(([sku, name, atc, roubles, packDays, rx]) => ({
        sku,
        name,
        atc,
        price: Math.round(roubles * 100),
        packDays,
        prescriptionOnly: rx ?? false,
    }));

/**
 * The twenty chronic drug groups of the demo chain: the usual top of a
 * Russian pharmacy's long-term therapy sales. Intervals follow the common
 * packs (28–30 tablets a month; 50–100 tablet packs of thyroid hormones and
 * aspirin last longer); a buyer counts as lapsed after about two intervals.
 */
export const DEMO_CHRONIC_GROUPS: readonly DemoChronicGroup[] = [
    {
        code: 'C09',
        name: 'Препараты, влияющие на ренин-ангиотензиновую систему',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 20,
        products: products([
            ['LOZAP-50-30', 'Лозап таб. 50 мг №30', 'C09CA01', 329, 30, true],
            ['PRESTARIUM-A-5-30', 'Престариум А таб. 5 мг №30', 'C09AA04', 548, 30, true],
            ['ENALAPRIL-10-20', 'Эналаприл таб. 10 мг №20', 'C09AA02', 62, 20, true],
            ['DIROTON-10-28', 'Диротон таб. 10 мг №28', 'C09AA03', 279, 28, true],
            ['VALSACOR-160-28', 'Вальсакор таб. 160 мг №28', 'C09CA03', 689, 28, true],
            ['LORISTA-N-30', 'Лориста Н таб. 50+12,5 мг №30', 'C09DA01', 365, 30, true],
            ['MICARDIS-80-28', 'Микардис таб. 80 мг №28', 'C09CA07', 1137, 28, true],
        ]),
    },
    {
        code: 'C10AA',
        name: 'Статины',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 14,
        products: products([
            ['ATORIS-20-30', 'Аторис таб. 20 мг №30', 'C10AA05', 452, 30, true],
            ['ROSUVASTATIN-SZ-10-30', 'Розувастатин-СЗ таб. 10 мг №30', 'C10AA07', 279, 30, true],
            ['MERTENIL-10-30', 'Мертенил таб. 10 мг №30', 'C10AA07', 612, 30, true],
            ['ATORIS-20-90', 'Аторис таб. 20 мг №90', 'C10AA05', 1120, 90, true],
            ['CRESTOR-10-28', 'Крестор таб. 10 мг №28', 'C10AA07', 2015, 28, true],
        ]),
    },
    {
        code: 'A10B',
        name: 'Пероральные сахароснижающие средства',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 10,
        products: products([
            ['GLUCOPHAGE-1000-60', 'Глюкофаж таб. 1000 мг №60', 'A10BA02', 318, 30, true],
            ['SIOFOR-850-60', 'Сиофор таб. 850 мг №60', 'A10BA02', 329, 30, true],
            ['DIABETON-MV-60-30', 'Диабетон МВ таб. 60 мг №30', 'A10BB09', 352, 30, true],
            ['FORSIGA-10-30', 'Форсига таб. 10 мг №30', 'A10BK01', 2490, 30, true],
            ['JANUVIA-100-28', 'Янувия таб. 100 мг №28', 'A10BH01', 1890, 28, true],
        ]),
    },
    {
        code: 'A10A',
        name: 'Инсулины',
        intervalDays: 40,
        lapseAfterDays: 80,
        weight: 3,
        products: products([
            ['LANTUS-SOLOSTAR-5', 'Лантус СолоСтар р-р 100 ЕД/мл 3 мл №5', 'A10AE04', 3540, 40, true],
            ['NOVORAPID-FLEXPEN-5', 'НовоРапид ФлексПен р-р 100 ЕД/мл 3 мл №5', 'A10AB05', 2050, 35, true],
            ['TRESIBA-FLEXTOUCH-5', 'Тресиба ФлексТач р-р 100 ЕД/мл 3 мл №5', 'A10AE06', 6480, 45, true],
        ]),
    },
    {
        code: 'H03A',
        name: 'Препараты щитовидной железы',
        intervalDays: 60,
        lapseAfterDays: 120,
        weight: 7,
        products: products([
            ['L-THYROXIN-100-50', 'L-Тироксин 100 Берлин-Хеми таб. 100 мкг №50', 'H03AA01', 134, 50],
            ['EUTHYROX-50-100', 'Эутирокс таб. 50 мкг №100', 'H03AA01', 178, 100],
            ['EUTHYROX-75-100', 'Эутирокс таб. 75 мкг №100', 'H03AA01', 196, 100],
        ]),
    },
    {
        code: 'C07',
        name: 'Бета-адреноблокаторы',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 12,
        products: products([
            ['CONCOR-5-30', 'Конкор таб. 5 мг №30', 'C07AB07', 336, 30, true],
            ['BETALOC-ZOK-50-30', 'Беталок ЗОК таб. 50 мг №30', 'C07AB02', 298, 30, true],
            ['EGILOK-50-60', 'Эгилок таб. 50 мг №60', 'C07AB02', 134, 30, true],
            ['NEBILET-5-28', 'Небилет таб. 5 мг №28', 'C07AB12', 812, 28, true],
        ]),
    },
    {
        code: 'C08',
        name: 'Блокаторы кальциевых каналов',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 9,
        products: products([
            ['AMLODIPINE-10-30', 'Амлодипин таб. 10 мг №30', 'C08CA01', 79, 30, true],
            ['NORVASC-5-30', 'Норваск таб. 5 мг №30', 'C08CA01', 455, 30, true],
            ['NORMODIPINE-5-30', 'Нормодипин таб. 5 мг №30', 'C08CA01', 488, 30, true],
        ]),
    },
    {
        code: 'C03',
        name: 'Диуретики',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 8,
        products: products([
            ['INDAPAMIDE-2.5-30', 'Индапамид таб. 2,5 мг №30', 'C03BA11', 52, 30, true],
            ['ARIFON-RETARD-1.5-30', 'Арифон ретард таб. 1,5 мг №30', 'C03BA11', 431, 30, true],
            ['VEROSHPIRON-25-20', 'Верошпирон таб. 25 мг №20', 'C03DA01', 112, 20, true],
            ['DIUVER-10-20', 'Диувер таб. 10 мг №20', 'C03CA04', 598, 20, true],
        ]),
    },
    {
        code: 'B01AC',
        name: 'Антиагреганты',
        intervalDays: 60,
        lapseAfterDays: 120,
        weight: 10,
        products: products([
            ['CARDIOMAGNYL-75-100', 'Кардиомагнил таб. 75 мг №100', 'B01AC06', 272, 100],
            ['THROMBO-ASS-100-100', 'Тромбо АСС таб. 100 мг №100', 'B01AC06', 154, 100],
            ['PLAVIX-75-28', 'Плавикс таб. 75 мг №28', 'B01AC04', 1985, 28, true],
            ['BRILINTA-90-56', 'Брилинта таб. 90 мг №56', 'B01AC24', 3790, 28, true],
        ]),
    },
    {
        code: 'R03',
        name: 'Средства при обструктивных заболеваниях дыхательных путей',
        intervalDays: 45,
        lapseAfterDays: 90,
        weight: 4,
        products: products([
            ['SALBUTAMOL-200D', 'Сальбутамол аэрозоль 100 мкг/доза 200 доз', 'R03AC02', 148, 40, true],
            ['SYMBICORT-160-120D', 'Симбикорт Турбухалер 160/4,5 мкг 120 доз', 'R03AK07', 2120, 60, true],
            ['BERODUAL-N-200D', 'Беродуал Н аэрозоль 200 доз', 'R03AL01', 452, 40, true],
        ]),
    },
    {
        code: 'N06A',
        name: 'Антидепрессанты',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 3,
        products: products([
            ['ZOLOFT-50-28', 'Золофт таб. 50 мг №28', 'N06AB06', 998, 28, true],
            ['CIPRALEX-10-28', 'Ципралекс таб. 10 мг №28', 'N06AB10', 1690, 28, true],
            ['PAXIL-20-30', 'Паксил таб. 20 мг №30', 'N06AB05', 1105, 30, true],
            ['VALDOXAN-25-28', 'Вальдоксан таб. 25 мг №28', 'N06AX22', 1420, 28, true],
        ]),
    },
    {
        code: 'N03A',
        name: 'Противоэпилептические средства',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 2,
        products: products([
            ['DEPAKINE-CHRONO-500-30', 'Депакин Хроно таб. 500 мг №30', 'N03AG01', 652, 30, true],
            ['LAMICTAL-50-30', 'Ламиктал таб. 50 мг №30', 'N03AX09', 915, 30, true],
            ['KEPPRA-500-60', 'Кеппра таб. 500 мг №60', 'N03AX14', 1310, 30, true],
            ['FINLEPSIN-RETARD-400-50', 'Финлепсин ретард таб. 400 мг №50', 'N03AF01', 395, 25, true],
        ]),
    },
    {
        code: 'M04',
        name: 'Противоподагрические средства',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 2,
        products: products([
            ['ALLOPURINOL-100-50', 'Аллопуринол таб. 100 мг №50', 'M04AA01', 98, 25, true],
            ['ADENURIC-80-28', 'Аденурик таб. 80 мг №28', 'M04AA03', 1590, 28, true],
        ]),
    },
    {
        code: 'G04C',
        name: 'Средства при доброкачественной гиперплазии простаты',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 5,
        products: products([
            ['OMNIC-0.4-30', 'Омник капс. 0,4 мг №30', 'G04CA02', 812, 30, true],
            ['FOCUSIN-0.4-30', 'Фокусин капс. 0,4 мг №30', 'G04CA02', 498, 30, true],
            ['AVODART-0.5-30', 'Аводарт капс. 0,5 мг №30', 'G04CB02', 1615, 30, true],
            ['PROSTAMOL-UNO-60', 'Простамол Уно капс. 320 мг №60', 'G04CX02', 1720, 60],
        ]),
    },
    {
        code: 'A02B',
        name: 'Средства при язвенной болезни и ГЭРБ',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 6,
        products: products([
            ['OMEZ-20-30', 'Омез капс. 20 мг №30', 'A02BC01', 198, 30],
            ['NOLPAZA-20-28', 'Нольпаза таб. 20 мг №28', 'A02BC02', 352, 28],
            ['NEXIUM-40-28', 'Нексиум таб. 40 мг №28', 'A02BC05', 2710, 28, true],
        ]),
    },
    {
        code: 'L04',
        name: 'Иммунодепрессанты',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 1,
        products: products([
            ['METHOTREXAT-EBEWE-10-50', 'Метотрексат-Эбеве таб. 10 мг №50', 'L04AX03', 612, 30, true],
            ['SANDIMMUN-NEORAL-100-50', 'Сандиммун Неорал капс. 100 мг №50', 'L04AD01', 8930, 25, true],
            ['CELLCEPT-500-50', 'СеллСепт таб. 500 мг №50', 'L04AA06', 7980, 25, true],
        ]),
    },
    {
        code: 'H02',
        name: 'Кортикостероиды для системного применения',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 2,
        products: products([
            ['METYPRED-4-30', 'Метипред таб. 4 мг №30', 'H02AB04', 208, 30, true],
            ['PREDNISOLON-5-100', 'Преднизолон таб. 5 мг №100', 'H02AB06', 118, 50, true],
            ['MEDROL-4-30', 'Медрол таб. 4 мг №30', 'H02AB04', 256, 30, true],
        ]),
    },
    {
        code: 'S01E',
        name: 'Противоглаукомные средства',
        intervalDays: 35,
        lapseAfterDays: 70,
        weight: 3,
        products: products([
            ['XALATAN-2.5ML', 'Ксалатан капли глазные 0,005% 2,5 мл', 'S01EE01', 712, 35, true],
            ['TIMOLOL-0.5-5ML', 'Тимолол капли глазные 0,5% 5 мл', 'S01ED01', 41, 30, true],
            ['AZOPT-1-5ML', 'Азопт капли глазные 1% 5 мл', 'S01EC04', 905, 35, true],
            ['TRAVATAN-2.5ML', 'Траватан капли глазные 0,004% 2,5 мл', 'S01EE04', 815, 35, true],
        ]),
    },
    {
        code: 'N05',
        name: 'Психолептики',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 2,
        products: products([
            ['KETILEPT-100-60', 'Кетилепт таб. 100 мг №60', 'N05AH04', 905, 30, true],
            ['RISPOLEPT-2-20', 'Рисполепт таб. 2 мг №20', 'N05AX08', 612, 20, true],
            ['SEROQUEL-PROLONG-200-30', 'Сероквель пролонг таб. 200 мг №30', 'N05AH04', 2380, 30, true],
        ]),
    },
    {
        code: 'C01D',
        name: 'Периферические вазодилататоры (нитраты)',
        intervalDays: 30,
        lapseAfterDays: 60,
        weight: 3,
        products: products([
            ['CARDIKET-20-50', 'Кардикет таб. 20 мг №50', 'C01DA08', 152, 25, true],
            ['MONOCINQUE-RETARD-50-30', 'Моночинкве ретард капс. 50 мг №30', 'C01DA14', 168, 30, true],
            ['NITROMINT-SPRAY-10G', 'Нитроминт спрей 0,4 мг/доза 10 г', 'C01DA02', 282, 60],
        ]),
    },
];
