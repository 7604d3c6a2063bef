// The public eMRTD corpus (see corpus/README.md), as bytes inside workerd. The 0.9 MB German master list
// is imported only by the tests that need it.

import deRoot from "../corpus/master-lists/DE_ROOT_CA_CSCA07.cer?bytes";
import idn2010 from "../corpus/master-lists/IDN_2010_SERIES_CSCA/2010-12_CSCA.cer?bytes";
import idn2016 from "../corpus/master-lists/IDN_2010_SERIES_CSCA/2016-01_CSCA.cer?bytes";
import idn2016Link from "../corpus/master-lists/IDN_2010_SERIES_CSCA/2016-01_CSCA_LINK.cer?bytes";
import idn2020 from "../corpus/master-lists/IDN_2010_SERIES_CSCA/2020-10_CSCA.cer?bytes";
import idn2020Link from "../corpus/master-lists/IDN_2010_SERIES_CSCA/2020-10_CSCA_LINK.cer?bytes";
import at from "../corpus/real-sod/sod_AT.bin?bytes";
import de from "../corpus/real-sod/sod_DE.bin?bytes";
import fi from "../corpus/real-sod/sod_FI.bin?bytes";
import fr from "../corpus/real-sod/sod_FR.bin?bytes";
import id from "../corpus/real-sod/sod_ID.bin?bytes";
import my from "../corpus/real-sod/sod_MY.bin?bytes";
import nz from "../corpus/real-sod/sod_NZ.bin?bytes";
import ph from "../corpus/real-sod/sod_PH.bin?bytes";
import ru from "../corpus/real-sod/sod_RU.bin?bytes";
import sg from "../corpus/real-sod/sod_SG.bin?bytes";
import uk from "../corpus/real-sod/sod_UK.bin?bytes";
import us from "../corpus/real-sod/sod_US.bin?bytes";

export const realSods = {
  AT: at,
  DE: de,
  FI: fi,
  FR: fr,
  ID: id,
  MY: my,
  NZ: nz,
  PH: ph,
  RU: ru,
  SG: sg,
  UK: uk,
  US: us,
};
export const indonesianCscas = [idn2010, idn2016, idn2016Link, idn2020, idn2020Link];
export { deRoot };
