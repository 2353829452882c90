// A city's index file and a ward's file that extends it, shared by the tests of `extends`.
import { sampleCriteria } from './helpers';

/** The city's index: the sample with the city's id and a version. */
export function cityIndex(version = 'v1'): string {
  return sampleCriteria().replace('  id: test-2025\n', `  id: city-2025\n${version ? `  version: "${version}"\n` : ''}`);
}

export const WARD = `reformEvidence: 1
extends: index/city.yaml
index: { id: phuong-a, title: Phường A }
units:
  VP: { name: Văn phòng }
  TP: { name: Tư pháp }
criteria:
  - id: "1.1"
    owner: TP
    due: "2025-11-30"
    selfScore: 1
    evidence:
      - { title: Phụ lục, path: "1.1 Kế hoạch/phu-luc-*.pdf" }
  - id: "2.2"
    notApplicable: Phường không ban hành văn bản QPPL
tasks:
  - { id: NV-9, title: Họp, owner: VP, due: "2025-06-01", criteria: ["1.2"] }
`;
