/**
 * Static data of the seeded demo shop "Nordlys Living" (nordic-demo.myshopify.com): products,
 * locations, customer names and addresses. Generation (randomness, dates) is in index.ts.
 */

export interface ProductDef {
  key: string;
  title: string;
  handle: string;
  productType: string;
  tags: string[];
  collections: string[];
  description: string;
  /** Option names; each variant lists values in the same order. Empty = "Default Title". */
  options: string[];
  variants: Array<{ values: string[]; priceSek: number; grams: number; compareAtSek?: number }>;
  skuPrefix: string;
  isGiftCard?: boolean;
}

const SIZES = ["S", "M", "L", "XL"];
const sized = (priceSek: number, grams: number) =>
  SIZES.map((s) => ({ values: [s], priceSek, grams }));

export const PRODUCTS: ProductDef[] = [
  {
    key: "sweater",
    title: "Abisko Merino Sweater",
    handle: "abisko-merino-sweater",
    productType: "Knitwear",
    tags: ["knitwear", "merino", "wool"],
    collections: ["knitwear"],
    description: "A soft crew-neck sweater knitted from Swedish-spun merino wool.",
    options: ["Size"],
    variants: sized(1199, 450),
    skuPrefix: "NL-ABI",
  },
  {
    key: "cardigan",
    title: "Lofoten Cable-Knit Cardigan",
    handle: "lofoten-cable-knit-cardigan",
    productType: "Knitwear",
    tags: ["knitwear", "wool"],
    collections: ["knitwear"],
    description: "A heavy cable-knit cardigan with horn buttons.",
    options: ["Size"],
    variants: sized(1499, 650),
    skuPrefix: "NL-LOF",
  },
  {
    key: "jacket",
    title: "Skagen Rain Jacket",
    handle: "skagen-rain-jacket",
    productType: "Rainwear",
    tags: ["rainwear", "outerwear"],
    collections: ["outerwear"],
    description: "A fully taped, PFC-free rain jacket for wet Nordic autumns.",
    options: ["Size", "Color"],
    variants: SIZES.flatMap((s) =>
      ["Ochre", "Navy"].map((c) => ({ values: [s, c], priceSek: 1899, grams: 700 })),
    ),
    skuPrefix: "NL-SKA",
  },
  {
    key: "trousers",
    title: "Bergen Rain Trousers",
    handle: "bergen-rain-trousers",
    productType: "Rainwear",
    tags: ["rainwear", "outerwear"],
    collections: ["outerwear"],
    description: "Lightweight rain trousers that pack into their own pocket.",
    options: ["Size"],
    variants: sized(899, 400),
    skuPrefix: "NL-BER",
  },
  {
    key: "hikingSocks",
    title: "Wool Hiking Socks",
    handle: "wool-hiking-socks",
    productType: "Socks",
    tags: ["socks", "wool"],
    collections: ["knitwear"],
    description: "Cushioned hiking socks, 70 % wool.",
    options: ["Size"],
    variants: ["36-38", "39-41", "42-44", "45-47"].map((s) => ({
      values: [s],
      priceSek: 149,
      grams: 90,
    })),
    skuPrefix: "NL-HSO",
  },
  {
    key: "socks3",
    title: "Everyday Wool Socks 3-pack",
    handle: "everyday-wool-socks-3-pack",
    productType: "Socks",
    tags: ["socks", "wool"],
    collections: ["knitwear"],
    description: "Three pairs of thin everyday wool socks.",
    options: ["Size"],
    variants: ["36-40", "41-46"].map((s) => ({ values: [s], priceSek: 299, grams: 200 })),
    skuPrefix: "NL-ESO",
  },
  {
    key: "duvet",
    title: "Linen Duvet Cover",
    handle: "linen-duvet-cover",
    productType: "Bedding",
    tags: ["linen", "bedding"],
    collections: ["home"],
    description: "Stone-washed European linen duvet cover.",
    options: ["Size", "Color"],
    variants: [
      { values: ["150x210", "Natural"], priceSek: 1290, grams: 900 },
      { values: ["150x210", "Sage"], priceSek: 1290, grams: 900 },
      { values: ["220x220", "Natural"], priceSek: 1590, grams: 1200 },
      { values: ["220x220", "Sage"], priceSek: 1590, grams: 1200 },
    ],
    skuPrefix: "NL-DUV",
  },
  {
    key: "pillowcase",
    title: "Linen Pillowcase 2-pack",
    handle: "linen-pillowcase-2-pack",
    productType: "Bedding",
    tags: ["linen", "bedding"],
    collections: ["home"],
    description: "Two stone-washed linen pillowcases.",
    options: ["Size"],
    variants: [
      { values: ["50x60"], priceSek: 449, grams: 300 },
      { values: ["50x70"], priceSek: 449, grams: 320 },
    ],
    skuPrefix: "NL-PIL",
  },
  {
    key: "mug",
    title: "Stoneware Mug",
    handle: "stoneware-mug",
    productType: "Ceramics",
    tags: ["ceramics", "kitchen"],
    collections: ["kitchen"],
    description: "A hand-glazed 30 cl stoneware mug.",
    options: ["Color"],
    variants: ["White", "Moss", "Clay"].map((c) => ({ values: [c], priceSek: 189, grams: 350 })),
    skuPrefix: "NL-MUG",
  },
  {
    key: "espresso",
    title: "Espresso Cup Set",
    handle: "espresso-cup-set",
    productType: "Ceramics",
    tags: ["ceramics", "kitchen"],
    collections: ["kitchen"],
    description: "Four small stoneware espresso cups.",
    options: [],
    variants: [{ values: [], priceSek: 349, grams: 600 }],
    skuPrefix: "NL-ESP",
  },
  {
    key: "sideboard",
    title: "Oak Sideboard",
    handle: "oak-sideboard",
    productType: "Furniture",
    tags: ["furniture", "oak", "heavy", "bulky"],
    collections: ["home"],
    description: "Solid oak sideboard, 160 cm. Delivered by freight.",
    options: [],
    variants: [{ values: [], priceSek: 8995, grams: 28000 }],
    skuPrefix: "NL-OSB",
  },
  {
    key: "bench",
    title: "Oak Bench",
    handle: "oak-bench",
    productType: "Furniture",
    tags: ["furniture", "oak", "heavy"],
    collections: ["home"],
    description: "Solid oak hallway bench, 120 cm.",
    options: [],
    variants: [{ values: [], priceSek: 3495, grams: 14000 }],
    skuPrefix: "NL-OBE",
  },
  {
    key: "pot",
    title: "Cast-Iron Pot 4 L",
    handle: "cast-iron-pot-4l",
    productType: "Kitchen",
    tags: ["kitchen", "cast-iron", "heavy"],
    collections: ["kitchen"],
    description: "Enamelled cast-iron casserole, 4 litres.",
    options: ["Color"],
    variants: ["Black", "Forest Green"].map((c) => ({ values: [c], priceSek: 1495, grams: 6000 })),
    skuPrefix: "NL-POT",
  },
  {
    key: "throw",
    title: "Wool Throw Blanket",
    handle: "wool-throw-blanket",
    productType: "Home Textiles",
    tags: ["wool", "home"],
    collections: ["home"],
    description: "A 130 x 180 cm throw woven from Gotland wool.",
    options: ["Color"],
    variants: ["Grey", "Rust"].map((c) => ({ values: [c], priceSek: 899, grams: 1100 })),
    skuPrefix: "NL-THR",
  },
  {
    key: "candles",
    title: "Beeswax Candle Set",
    handle: "beeswax-candle-set",
    productType: "Home",
    tags: ["home", "candles"],
    collections: ["home"],
    description: "Six hand-dipped beeswax candles.",
    options: [],
    variants: [{ values: [], priceSek: 249, grams: 400 }],
    skuPrefix: "NL-CAN",
  },
  {
    key: "giftcard",
    title: "Nordlys Gift Card",
    handle: "nordlys-gift-card",
    productType: "Gift Cards",
    tags: ["gift-card"],
    collections: [],
    description: "A digital gift card, delivered by email.",
    options: ["Denomination"],
    variants: [250, 500, 1000].map((v) => ({ values: [`${v} kr`], priceSek: v, grams: 0 })),
    skuPrefix: "NL-GC",
    isGiftCard: true,
  },
  {
    key: "beanie",
    title: "Knitted Beanie - Sample Sale",
    handle: "knitted-beanie-sample-sale",
    productType: "Accessories",
    tags: ["final-sale", "knitwear", "sale"],
    collections: ["sale"],
    description: "Sample-sale beanie. Final sale: not returnable.",
    options: [],
    variants: [{ values: [], priceSek: 149, grams: 80, compareAtSek: 299 }],
    skuPrefix: "NL-BEA",
  },
  {
    key: "boxers",
    title: "Merino Boxer Briefs",
    handle: "merino-boxer-briefs",
    productType: "Underwear",
    tags: ["merino", "underwear"],
    collections: ["knitwear"],
    description: "Merino boxer briefs. For hygiene reasons underwear cannot be returned.",
    options: ["Size"],
    variants: sized(299, 80),
    skuPrefix: "NL-BOX",
  },
  {
    key: "baselayer",
    title: "Merino Base Layer Top",
    handle: "merino-base-layer-top",
    productType: "Base Layers",
    tags: ["merino", "wool"],
    collections: ["knitwear"],
    description: "A 200 g/m² merino long-sleeve base layer.",
    options: ["Size"],
    variants: sized(799, 220),
    skuPrefix: "NL-BAS",
  },
  {
    key: "bowl",
    title: "Ceramic Serving Bowl",
    handle: "ceramic-serving-bowl",
    productType: "Ceramics",
    tags: ["ceramics", "kitchen"],
    collections: ["kitchen"],
    description: "A large hand-thrown serving bowl.",
    options: [],
    variants: [{ values: [], priceSek: 399, grams: 900 }],
    skuPrefix: "NL-BOW",
  },
  {
    key: "apron",
    title: "Linen Apron",
    handle: "linen-apron",
    productType: "Kitchen",
    tags: ["linen", "kitchen"],
    collections: ["kitchen"],
    description: "A heavy linen cross-back apron.",
    options: ["Color"],
    variants: ["Natural", "Charcoal"].map((c) => ({ values: [c], priceSek: 349, grams: 200 })),
    skuPrefix: "NL-APR",
  },
];

export const COLLECTIONS: Array<{ key: string; title: string }> = [
  { key: "knitwear", title: "Knitwear" },
  { key: "outerwear", title: "Outerwear" },
  { key: "home", title: "Home" },
  { key: "kitchen", title: "Kitchen" },
  { key: "sale", title: "Sample Sale" },
];

export interface LocationDef {
  key: string;
  name: string;
  address1: string;
  city: string;
  zip: string;
  country: string;
  countryCode: string;
  phone: string;
  fulfillsOnlineOrders: boolean;
}

export const LOCATIONS: LocationDef[] = [
  {
    key: "stockholm",
    name: "Stockholm Warehouse",
    address1: "Lagervägen 12",
    city: "Hägersten",
    zip: "126 30",
    country: "Sweden",
    countryCode: "SE",
    phone: "+46 8 123 456 00",
    fulfillsOnlineOrders: true,
  },
  {
    key: "copenhagen",
    name: "Copenhagen Store",
    address1: "Studiestræde 21",
    city: "København K",
    zip: "1455",
    country: "Denmark",
    countryCode: "DK",
    phone: "+45 33 12 34 56",
    fulfillsOnlineOrders: false,
  },
  {
    key: "oslo",
    name: "Oslo Store",
    address1: "Markveien 35",
    city: "Oslo",
    zip: "0554",
    country: "Norway",
    countryCode: "NO",
    phone: "+47 22 12 34 56",
    fulfillsOnlineOrders: false,
  },
];

/** presentment currency → SEK, as exact ratios (shopMoney = round(presentment × num / den)). */
export const FX = {
  DKK: { num: 155, den: 100 },
  NOK: { num: 98, den: 100 },
  EUR: { num: 1150, den: 100 },
} as const;

export type Locale = "sv" | "da" | "nb" | "fi" | "nl" | "de" | "en";

export const COUNTRY_OF_LOCALE: Record<Locale, string> = {
  sv: "SE",
  da: "DK",
  nb: "NO",
  fi: "FI",
  nl: "NL",
  de: "DE",
  en: "SE",
};

export const CURRENCY_OF_COUNTRY: Record<string, string> = {
  SE: "SEK",
  DK: "DKK",
  NO: "NOK",
  FI: "EUR",
  NL: "EUR",
  DE: "EUR",
};

export const NAMES: Record<Locale, { first: string[]; last: string[] }> = {
  sv: {
    first: [
      "Astrid",
      "Erik",
      "Elsa",
      "Lars",
      "Maja",
      "Oskar",
      "Karin",
      "Nils",
      "Ingrid",
      "Johan",
      "Saga",
      "Henrik",
      "Linnea",
      "Gustav",
      "Ebba",
      "Axel",
    ],
    last: [
      "Lindqvist",
      "Johansson",
      "Andersson",
      "Karlsson",
      "Nilsson",
      "Eriksson",
      "Larsson",
      "Olsson",
      "Persson",
      "Svensson",
      "Gustafsson",
      "Berg",
    ],
  },
  da: {
    first: ["Mads", "Freja", "Rasmus", "Ida", "Søren", "Karen", "Mikkel", "Sofie"],
    last: [
      "Jørgensen",
      "Nielsen",
      "Hansen",
      "Pedersen",
      "Andersen",
      "Christensen",
      "Larsen",
      "Sørensen",
    ],
  },
  nb: {
    first: ["Ingrid", "Ola", "Kari", "Magnus", "Nora", "Sindre", "Sigrid"],
    last: ["Haugen", "Hansen", "Johansen", "Olsen", "Berg", "Bakken", "Solberg"],
  },
  fi: {
    first: ["Aino", "Juho", "Eveliina", "Mikko", "Venla"],
    last: ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Lehtonen"],
  },
  nl: {
    first: ["Sanne", "Daan", "Lotte", "Bram", "Fleur", "Jeroen"],
    last: ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit"],
  },
  de: {
    first: ["Lukas", "Anna", "Felix", "Lena", "Jonas", "Marie"],
    last: ["Becker", "Müller", "Schmidt", "Schneider", "Fischer", "Weber"],
  },
  en: {
    first: ["Oliver", "Charlotte"],
    last: ["Bennett", "Hughes"],
  },
};

export const CUSTOMER_COUNTS: Record<Locale, number> = {
  sv: 16,
  da: 8,
  nb: 7,
  fi: 5,
  nl: 6,
  de: 6,
  en: 2,
};

export const ADDRESSES: Record<
  string,
  Array<{ address1: string; city: string; zip: string; country: string }>
> = {
  SE: [
    { address1: "Götgatan 14", city: "Stockholm", zip: "118 46", country: "Sweden" },
    { address1: "Linnégatan 8", city: "Göteborg", zip: "413 04", country: "Sweden" },
    { address1: "Södra Förstadsgatan 20", city: "Malmö", zip: "211 43", country: "Sweden" },
    { address1: "Svartbäcksgatan 5", city: "Uppsala", zip: "753 20", country: "Sweden" },
  ],
  DK: [
    { address1: "Nørrebrogade 45", city: "København N", zip: "2200", country: "Denmark" },
    { address1: "Frederiksgade 12", city: "Aarhus C", zip: "8000", country: "Denmark" },
    { address1: "Vestergade 30", city: "Odense C", zip: "5000", country: "Denmark" },
  ],
  NO: [
    { address1: "Thereses gate 12", city: "Oslo", zip: "0168", country: "Norway" },
    { address1: "Strandgaten 18", city: "Bergen", zip: "5013", country: "Norway" },
    { address1: "Olav Tryggvasons gate 20", city: "Trondheim", zip: "7011", country: "Norway" },
  ],
  FI: [
    { address1: "Fredrikinkatu 33", city: "Helsinki", zip: "00120", country: "Finland" },
    { address1: "Hämeenkatu 10", city: "Tampere", zip: "33100", country: "Finland" },
  ],
  NL: [
    { address1: "Kinkerstraat 100", city: "Amsterdam", zip: "1053 ED", country: "Netherlands" },
    { address1: "Oudegracht 150", city: "Utrecht", zip: "3511 AZ", country: "Netherlands" },
    {
      address1: "Witte de Withstraat 40",
      city: "Rotterdam",
      zip: "3012 BR",
      country: "Netherlands",
    },
  ],
  DE: [
    { address1: "Kastanienallee 20", city: "Berlin", zip: "10435", country: "Germany" },
    { address1: "Schanzenstraße 10", city: "Hamburg", zip: "20357", country: "Germany" },
    { address1: "Leopoldstraße 50", city: "München", zip: "80802", country: "Germany" },
  ],
};

/** ASCII e-mail local part: "Søren Jørgensen" → "soren.jorgensen". */
export function emailLocalPart(first: string, last: string): string {
  const fold = (s: string) =>
    s
      .toLowerCase()
      .replace(/æ/g, "ae")
      .replace(/ø/g, "o")
      .replace(/ß/g, "ss")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "");
  return `${fold(first)}.${fold(last)}`;
}
