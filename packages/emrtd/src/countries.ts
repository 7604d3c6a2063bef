// Issuing states: MRZ codes (ISO 3166-1 alpha-3 plus the ICAO 9303-3 specials) mapped to the alpha-2
// codes that CSCA certificates carry in their C attribute, so a Nigerian CSCA cannot vouch for a
// Dutch passport (quirks notes, 14).

const ISO =
  "AFG AF ALA AX ALB AL DZA DZ ASM AS AND AD AGO AO AIA AI ATA AQ ATG AG ARG AR ARM AM ABW AW AUS AU AUT AT " +
  "AZE AZ BHS BS BHR BH BGD BD BRB BB BLR BY BEL BE BLZ BZ BEN BJ BMU BM BTN BT BOL BO BES BQ BIH BA BWA BW " +
  "BVT BV BRA BR IOT IO BRN BN BGR BG BFA BF BDI BI CPV CV KHM KH CMR CM CAN CA CYM KY CAF CF TCD TD CHL CL " +
  "CHN CN CXR CX CCK CC COL CO COM KM COG CG COD CD COK CK CRI CR CIV CI HRV HR CUB CU CUW CW CYP CY CZE CZ " +
  "DNK DK DJI DJ DMA DM DOM DO ECU EC EGY EG SLV SV GNQ GQ ERI ER EST EE SWZ SZ ETH ET FLK FK FRO FO FJI FJ " +
  "FIN FI FRA FR GUF GF PYF PF ATF TF GAB GA GMB GM GEO GE DEU DE GHA GH GIB GI GRC GR GRL GL GRD GD GLP GP " +
  "GUM GU GTM GT GGY GG GIN GN GNB GW GUY GY HTI HT HMD HM VAT VA HND HN HKG HK HUN HU ISL IS IND IN IDN ID " +
  "IRN IR IRQ IQ IRL IE IMN IM ISR IL ITA IT JAM JM JPN JP JEY JE JOR JO KAZ KZ KEN KE KIR KI PRK KP KOR KR " +
  "KWT KW KGZ KG LAO LA LVA LV LBN LB LSO LS LBR LR LBY LY LIE LI LTU LT LUX LU MAC MO MDG MG MWI MW MYS MY " +
  "MDV MV MLI ML MLT MT MHL MH MTQ MQ MRT MR MUS MU MYT YT MEX MX FSM FM MDA MD MCO MC MNG MN MNE ME MSR MS " +
  "MAR MA MOZ MZ MMR MM NAM NA NRU NR NPL NP NLD NL NCL NC NZL NZ NIC NI NER NE NGA NG NIU NU NFK NF MKD MK " +
  "MNP MP NOR NO OMN OM PAK PK PLW PW PSE PS PAN PA PNG PG PRY PY PER PE PHL PH PCN PN POL PL PRT PT PRI PR " +
  "QAT QA REU RE ROU RO RUS RU RWA RW BLM BL SHN SH KNA KN LCA LC MAF MF SPM PM VCT VC WSM WS SMR SM STP ST " +
  "SAU SA SEN SN SRB RS SYC SC SLE SL SGP SG SXM SX SVK SK SVN SI SLB SB SOM SO ZAF ZA SGS GS SSD SS ESP ES " +
  "LKA LK SDN SD SUR SR SJM SJ SWE SE CHE CH SYR SY TWN TW TJK TJ TZA TZ THA TH TLS TL TGO TG TKL TK TON TO " +
  "TTO TT TUN TN TUR TR TKM TM TCA TC TUV TV UGA UG UKR UA ARE AE GBR GB USA US UMI UM URY UY UZB UZ VUT VU " +
  "VEN VE VNM VN VGB VG VIR VI WLF WF ESH EH YEM YE ZMB ZM ZWE ZW";

// ICAO 9303-3 codes that are not ISO alpha-3: Germany's D, the British nationality variants, Kosovo,
// the EU and UN laissez-passer issuers (whose CSCAs carry these pseudo-countries), and ICAO's specimen
// state Utopia (UTO), used by test documents.
const ICAO_SPECIAL =
  "UTO UT D DE GBD GB GBN GB GBO GB GBP GB GBS GB RKS XK EUE EU UNO UN UNA UN UNK UN XOM XO XPO XP XCC XC XES XE XMP XM";

const ALPHA3_TO_ALPHA2 = new Map<string, string>();
for (const table of [ISO, ICAO_SPECIAL]) {
  const parts = table.split(" ");
  for (let i = 0; i + 1 < parts.length; i += 2)
    ALPHA3_TO_ALPHA2.set(parts[i] as string, parts[i + 1] as string);
}

/** The alpha-2 code of an MRZ issuing-state code (fillers `<` removed), or undefined when unknown. */
export function mrzStateToAlpha2(code: string): string | undefined {
  return ALPHA3_TO_ALPHA2.get(code.replace(/</g, "").toUpperCase());
}

/**
 * Whether a CSCA of `cscaCountry` (alpha-2, from its certificate) may vouch for a document whose issuing
 * state is `documentState` (an MRZ code or an alpha-2 code).
 */
export function stateMatches(documentState: string, cscaCountry: string): boolean {
  const state = documentState.replace(/</g, "").toUpperCase();
  const alpha2 = state.length === 2 ? state : mrzStateToAlpha2(state);
  return alpha2 !== undefined && alpha2 === cscaCountry.toUpperCase();
}

/** The MRZ code for an alpha-2 country (ISO alpha-3; "D" for Germany), or undefined when unknown. */
export function alpha2ToMrzState(alpha2: string): string | undefined {
  const code = alpha2.toUpperCase();
  if (code === "DE") return "D";
  for (const [alpha3, two] of ALPHA3_TO_ALPHA2) if (two === code && alpha3.length === 3) return alpha3;
  return undefined;
}
