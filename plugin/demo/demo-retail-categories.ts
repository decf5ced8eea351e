import type { DemoProduct, DemoRetailCategory } from './demo-catalog.types.js';

/** An everyday product: SKU, name, ATC (null for non-medicines), price in roubles, extras. */
type Row = [sku: string, name: string, atc: string | null, roubles: number, extra?: Partial<DemoProduct>];

const products = (rows: Row[]): DemoProduct[] =>
    rows.map(([sku, name, atc, roubles, extra]) => ({
        sku,
        name,
        atc,
        price: Math.round(roubles * 100),
        ...extra,
    }));

/**
 * Goods bought now and then: cold and flu remedies (winter), antihistamines
 * (spring pollen), vitamins with a raised accrual rate, painkillers, digestion,
 * skin care, cosmetics, hygiene, medical devices, and a price-regulated group
 * that neither earns nor accepts bonuses (as many chains do with ЖНВЛП lines).
 */
export const DEMO_RETAIL_CATEGORIES: readonly DemoRetailCategory[] = [
    {
        code: 'R05',
        name: 'Простуда и грипп',
        atcPrefixes: ['R05', 'R01', 'R02'],
        weight: 16,
        season: 'cold',
        products: products([
            ['ACC-600-10', 'АЦЦ Лонг таб. шип. 600 мг №10', 'R05CB01', 452],
            ['AMBROBENE-30-20', 'Амбробене таб. 30 мг №20', 'R05CB06', 178],
            ['NAZIVIN-0.05-10ML', 'Називин спрей наз. 0,05% 10 мл', 'R01AA05', 236],
            ['TERAFLU-LAR-SPRAY', 'Терафлю Лар спрей 30 мл', 'R02AA20', 412],
            ['STREPSILS-24', 'Стрепсилс таб. д/расс. №24', 'R02AA20', 398],
            ['SINUPRET-50', 'Синупрет таб. №50', 'R05CA10', 512],
            ['OTRIVIN-0.1-10ML', 'Отривин спрей наз. 0,1% 10 мл', 'R01AA07', 198],
        ]),
    },
    {
        code: 'R06',
        name: 'Антигистаминные средства',
        atcPrefixes: ['R06'],
        weight: 5,
        season: 'pollen',
        products: products([
            ['ZYRTEC-10-7', 'Зиртек таб. 10 мг №7', 'R06AE07', 245],
            ['ERIUS-5-10', 'Эриус таб. 5 мг №10', 'R06AX27', 712],
            ['SUPRASTIN-25-20', 'Супрастин таб. 25 мг №20', 'R06AC03', 158],
            ['ZODAK-10-30', 'Зодак таб. 10 мг №30', 'R06AE07', 312],
        ]),
    },
    {
        code: 'A11',
        name: 'Витамины и минералы',
        atcPrefixes: ['A11', 'A12'],
        weight: 13,
        accrualRateBp: 500,
        products: products([
            ['COMPLIVIT-60', 'Компливит таб. №60', 'A11AA03', 298],
            ['AQUADETRIM-10ML', 'Аквадетрим капли 15000 МЕ/мл 10 мл', 'A11CC05', 268],
            ['MAGNE-B6-50', 'Магне B6 таб. №50', 'A12CC06', 812],
            ['SUPRADIN-30', 'Супрадин таб. шип. №10', 'A11AA03', 598],
            ['OMEGA-3-EVALAR-30', 'Омега-3 Эвалар капс. №30 (БАД)', null, 489, { accrualRateBp: 1000 }],
            [
                'REFILL-VITD3-2000-60',
                'Витамин D3 2000 МЕ Рефил капс. №60 (СТМ)',
                null,
                349,
                { accrualRateBp: 700 },
            ],
        ]),
    },
    {
        code: 'N02B',
        name: 'Обезболивающие и жаропонижающие',
        atcPrefixes: ['N02B', 'M01A'],
        weight: 15,
        products: products([
            ['NUROFEN-200-10', 'Нурофен таб. 200 мг №10', 'M01AE01', 162],
            ['CITRAMON-P-10', 'Цитрамон П таб. №10', 'N02BA71', 38],
            ['PENTALGIN-12', 'Пенталгин таб. №12', 'N02BE71', 245],
            ['NIMESIL-100-30', 'Нимесил пор. 100 мг №30', 'M01AX17', 812],
            ['KETOROL-10-20', 'Кеторол таб. 10 мг №20', 'M01AB15', 98, { prescriptionOnly: true }],
        ]),
    },
    {
        code: 'A07',
        name: 'Пищеварение',
        atcPrefixes: ['A07', 'A03', 'A09'],
        weight: 10,
        products: products([
            ['SMECTA-10', 'Смекта пор. 3 г №10', 'A07BC05', 198],
            ['LINEX-32', 'Линекс капс. №32', 'A07FA01', 612],
            ['NO-SPA-40-24', 'Но-шпа таб. 40 мг №24', 'A03AD02', 168],
            ['MEZIM-FORTE-20', 'Мезим форте таб. №20', 'A09AA02', 118],
            ['ENTEROFURYL-200-16', 'Энтерофурил капс. 200 мг №16', 'A07AX03', 412],
        ]),
    },
    {
        code: 'D',
        name: 'Дерматология и антисептики',
        atcPrefixes: ['D'],
        weight: 8,
        products: products([
            ['BEPANTHEN-5-30G', 'Бепантен мазь 5% 30 г', 'D03AX03', 498],
            ['MIRAMISTIN-150ML', 'Мирамистин р-р 0,01% 150 мл', 'D08AJ', 412],
            ['CHLORHEXIDINE-100ML', 'Хлоргексидин р-р 0,05% 100 мл', 'D08AC02', 32],
            ['LEVOMEKOL-40G', 'Левомеколь мазь 40 г', 'D06C', 138],
        ]),
    },
    {
        code: 'COSM',
        name: 'Аптечная косметика',
        atcPrefixes: [],
        weight: 7,
        products: products([
            ['LRP-CICAPLAST-B5-40ML', 'La Roche-Posay Cicaplast Baume B5 40 мл', null, 1290],
            ['VICHY-MINERAL89-50ML', 'Vichy Mineral 89 гель-сыворотка 50 мл', null, 2890],
            ['AVENE-THERMAL-150ML', 'Avene термальная вода 150 мл', null, 890],
            ['BIODERMA-SENSIBIO-250ML', 'Bioderma Sensibio H2O мицеллярная вода 250 мл', null, 1390],
            ['CERAVE-CREAM-177ML', 'CeraVe увлажняющий крем 177 мл', null, 1450],
        ]),
    },
    {
        code: 'HYG',
        name: 'Гигиена',
        atcPrefixes: [],
        weight: 12,
        products: products([
            ['LACALUT-ACTIVE-75ML', 'Lacalut Active зубная паста 75 мл', null, 278],
            ['PARODONTAX-75ML', 'Parodontax зубная паста 75 мл', null, 312],
            ['PAMPERS-4-52', 'Pampers Active Baby подгузники р.4 №52', null, 1490],
            ['TENA-SLIP-PLUS-M-30', 'TENA Slip Plus подгузники для взрослых M №30', null, 1890],
            ['MASK-MEDICAL-50', 'Маска медицинская трехслойная №50', null, 195],
        ]),
    },
    {
        code: 'MEDDEV',
        name: 'Медицинские изделия',
        atcPrefixes: [],
        weight: 3,
        products: products([
            ['OMRON-M2-BASIC', 'Тонометр Omron M2 Basic', null, 3290],
            ['ACCUCHEK-ACTIVE-STRIPS-50', 'Тест-полоски Accu-Chek Active №50', null, 1190],
            ['B-WELL-THERMOMETER', 'Термометр электронный B.Well WT-03', null, 345],
            ['PLASTER-COSMOS-20', 'Пластырь Cosmos №20', null, 168],
        ]),
    },
    {
        code: 'REG-PRICE',
        name: 'ЖНВЛП с регулируемой ценой (без бонусов)',
        atcPrefixes: [],
        weight: 5,
        excludedFromAccrual: true,
        excludedFromRedemption: true,
        products: products([
            ['ARBIDOL-100-10', 'Арбидол капс. 100 мг №10', 'J05AX13', 468],
            ['PARACETAMOL-500-20', 'Парацетамол таб. 500 мг №20', 'N02BE01', 42],
            [
                'AMOXICILLIN-500-20',
                'Амоксициллин капс. 500 мг №20',
                'J01CA04',
                98,
                { prescriptionOnly: true },
            ],
            ['ACTIVATED-CARBON-250-10', 'Уголь активированный таб. 250 мг №10', 'A07BA01', 18],
        ]),
    },
];
