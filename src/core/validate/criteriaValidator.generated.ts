// GENERATED FILE, DO NOT EDIT: `node scripts/generate-validator.mjs` writes it (and `npm run build` when it is out of date).
// The validator of schemas/criteria.schema.json, compiled ahead of time by ajv standalone code generation
// (ajv 8.20.0, options {"allErrors":true,"strict":false,"allowUnionTypes":true}, keyword markdownDescription).
// It requires only ajv/dist/runtime/* helpers, never ajv itself. test/unit/core/validate/schemaGenerated.test.ts fails when it is stale.
// fingerprint: 5d5f5ca41b0d3123
// @ts-nocheck
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://reform-evidence.local/schemas/criteria.schema.json","title":"Reform Evidence criteria file (format v1) — Tệp tiêu chí Reform Evidence (định dạng v1)","description":"The administrative reform (PAR) index of one unit for one year: areas, criteria and sub-criteria with maximum scores, owning units, deadlines and the verification documents each needs; plus the tasks of the reform plan. — Bộ chỉ số cải cách hành chính của một đơn vị trong một năm: lĩnh vực, tiêu chí, tiêu chí thành phần với điểm tối đa, đơn vị chủ trì, thời hạn và tài liệu kiểm chứng cần có; kèm các nhiệm vụ của kế hoạch CCHC.","type":"object","required":["reformEvidence"],"additionalProperties":false,"properties":{"$schema":{"description":"Optional URI or path of the JSON Schema used by the editor. — Đường dẫn (tùy chọn) tới JSON Schema mà trình soạn thảo dùng.","type":"string"},"reformEvidence":{"description":"Format version of this criteria file; must be 1. — Phiên bản định dạng của tệp tiêu chí; phải là 1.","const":1},"extends":{"description":"A ward's file only: the city's index file this file extends, relative to this file and inside its folder (e.g. \"index/tp-2025.criteria.yaml\"). The index gives the areas, criteria, scores, titles and evidence requirements; this file adds units, owners, deadlines, self-scores, waivers, tasks and extra requirements. — Chỉ dùng cho tệp của phường/xã: tệp bộ chỉ số của thành phố mà tệp này kế thừa, tính từ thư mục của tệp này và nằm trong thư mục đó (ví dụ \"index/tp-2025.criteria.yaml\"). Bộ chỉ số cho lĩnh vực, tiêu chí, điểm, tên và yêu cầu tài liệu kiểm chứng; tệp này thêm đơn vị, đơn vị chủ trì, thời hạn, điểm tự chấm, miễn đánh giá, nhiệm vụ và yêu cầu bổ sung.","type":"string","minLength":1},"index":{"description":"The index this file describes. — Thông tin về bộ chỉ số mà tệp này mô tả.","type":"object","additionalProperties":false,"properties":{"id":{"description":"Stable identifier of the index, e.g. \"phuong-an-binh-2025\". — Mã định danh của bộ chỉ số, ví dụ \"phuong-an-binh-2025\".","type":"string","minLength":1},"title":{"description":"Full title of the index. — Tên đầy đủ của bộ chỉ số.","type":"string","minLength":1},"year":{"description":"Year assessed by the index. — Năm đánh giá của bộ chỉ số.","type":"integer","minimum":2000,"maximum":2100},"evidenceRoot":{"description":"Folder holding the evidence files, relative to the criteria file (default \"evidence\"). — Thư mục chứa tài liệu kiểm chứng, tính từ thư mục của tệp tiêu chí (mặc định \"evidence\").","type":"string","minLength":1,"default":"evidence"},"version":{"description":"Version of this index, e.g. \"2025.2\" (a city's index file): the wards that extend it are ranked together only on the same version. Without it the version is the file's Git blob id. — Phiên bản của bộ chỉ số, ví dụ \"2025.2\" (tệp bộ chỉ số của thành phố): các phường/xã kế thừa chỉ được xếp hạng cùng nhau khi cùng phiên bản. Không ghi thì phiên bản là mã blob Git của tệp.","type":"string","minLength":1}}},"units":{"description":"Units that own criteria and tasks, keyed by unit id (e.g. VP, VHXH). — Các đơn vị chủ trì tiêu chí và nhiệm vụ, khóa là mã đơn vị (ví dụ VP, VHXH).","type":"object","minProperties":1,"propertyNames":{"description":"Unit id: a letter followed by letters, digits, \"_\" or \"-\". — Mã đơn vị: bắt đầu bằng chữ cái, tiếp theo là chữ cái, chữ số, \"_\" hoặc \"-\".","pattern":"^[A-Za-z][A-Za-z0-9_-]*$"},"additionalProperties":{"$ref":"#/definitions/unit"}},"criteria":{"description":"The criteria tree; the top level holds the areas of the index. — Cây tiêu chí; cấp cao nhất là các lĩnh vực của bộ chỉ số.","type":"array"},"tasks":{"description":"Tasks of the reform plan, each with a lead unit, a deadline and its deliverables. — Các nhiệm vụ của kế hoạch CCHC, mỗi nhiệm vụ có đơn vị chủ trì, thời hạn và sản phẩm.","type":"array","items":{"$ref":"#/definitions/task"}}},"definitions":{"unitId":{"description":"Id of a unit declared under \"units\". — Mã của một đơn vị đã khai báo trong \"units\".","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_-]*$"},"criterionId":{"description":"Dotted numeric criterion id written as a string, e.g. \"3.4.1\". — Mã tiêu chí dạng số phân cách bằng dấu chấm, viết dưới dạng chuỗi, ví dụ \"3.4.1\".","type":"string","pattern":"^[0-9]+(\\.[0-9]+)*$"},"unit":{"description":"A unit (office, centre). — Một đơn vị (phòng, trung tâm).","type":"object","required":["name"],"additionalProperties":false,"properties":{"name":{"description":"Full name of the unit. — Tên đầy đủ của đơn vị.","type":"string","minLength":1},"head":{"description":"Name of the head of the unit, answerable for its criteria. — Họ tên người đứng đầu đơn vị, chịu trách nhiệm về các tiêu chí của đơn vị.","type":"string"}}},"requirement":{"description":"A verification-document requirement: at least \"min\" files matching \"path\". — Yêu cầu tài liệu kiểm chứng: ít nhất \"min\" tệp khớp với \"path\".","type":"object","required":["title","path"],"additionalProperties":false,"properties":{"title":{"description":"What the document is, e.g. \"Kế hoạch CCHC năm 2025\". — Tên tài liệu kiểm chứng, ví dụ \"Kế hoạch CCHC năm 2025\".","type":"string","minLength":1},"path":{"description":"Glob relative to the evidence root, e.g. \"1 Chỉ đạo điều hành/1.1 Kế hoạch CCHC/*.pdf\". — Mẫu đường dẫn (glob) tính từ thư mục tài liệu kiểm chứng, ví dụ \"1 Chỉ đạo điều hành/1.1 Kế hoạch CCHC/*.pdf\".","type":"string","minLength":1},"min":{"description":"Minimum number of matching files (default 1). — Số tệp khớp tối thiểu (mặc định 1).","type":"integer","minimum":1,"default":1}}},"measure":{"description":"A rate computed from monthly figures in a data file (.csv or .xlsx) and scored by bands or proportionally. The data file also counts as one evidence requirement of the leaf. — Một tỷ lệ tính từ số liệu hằng tháng trong tệp dữ liệu (.csv hoặc .xlsx), chấm điểm theo mức hoặc theo tỷ lệ. Tệp dữ liệu cũng là một yêu cầu tài liệu kiểm chứng của tiêu chí.","type":"object","required":["data","period","numerator","denominator"],"additionalProperties":false,"properties":{"data":{"description":"One .csv or .xlsx file, relative to the evidence root. — Một tệp .csv hoặc .xlsx, tính từ thư mục tài liệu kiểm chứng.","type":"string","minLength":1},"sheet":{"description":".xlsx only: name of the sheet (default: the first sheet). — Chỉ với .xlsx: tên trang tính (mặc định: trang đầu tiên).","type":"string","minLength":1},"period":{"description":"Header of the month column: 2025-01, 01/2025, 1/2025, a date text or a date cell. — Tiêu đề cột tháng: 2025-01, 01/2025, 1/2025, ngày dạng chữ hoặc ô ngày.","type":"string","minLength":1},"numerator":{"description":"Header of the column summed as the numerator. — Tiêu đề cột được cộng làm tử số.","type":"string","minLength":1},"denominator":{"description":"Header of the column summed as the denominator. — Tiêu đề cột được cộng làm mẫu số.","type":"string","minLength":1},"bands":{"description":"Score bands, rate in percent, in falling order of \"from\": the first band the rate reaches gives the score; below all: 0. — Các mức điểm theo tỷ lệ phần trăm, \"from\" giảm dần: mức đầu tiên tỷ lệ đạt tới cho điểm; thấp hơn mọi mức: 0.","type":"array","minItems":1,"items":{"$ref":"#/definitions/band"}},"proportional":{"description":"Instead of bands: score = maxScore × min(1, rate ÷ target), rounded to 0.01. — Thay cho các mức: điểm = điểm tối đa × min(1, tỷ lệ ÷ mục tiêu), làm tròn 0,01.","type":"object","required":["target"],"additionalProperties":false,"properties":{"target":{"description":"Rate in percent that earns full points (100: linear). — Tỷ lệ phần trăm đạt điểm tối đa (100: tuyến tính).","type":"number","exclusiveMinimum":0,"maximum":100}}},"noCases":{"description":"What a window without any case scores: zero (default) or full. — Điểm khi không có hồ sơ nào trong kỳ: zero (mặc định) hoặc full (tối đa).","enum":["zero","full"],"default":"zero"},"over":{"description":"year (default): every month of the index year up to the as-of month, summed; latest: the last such month only. — year (mặc định): cộng mọi tháng của năm đánh giá đến tháng tính đến; latest: chỉ tháng gần nhất.","enum":["year","latest"],"default":"year"}}},"band":{"description":"A score band: a rate of at least \"from\" percent scores \"score\". — Một mức điểm: tỷ lệ từ \"from\" phần trăm trở lên được \"score\" điểm.","type":"object","required":["from","score"],"additionalProperties":false,"properties":{"from":{"description":"Lowest rate in percent of this band. — Tỷ lệ phần trăm thấp nhất của mức.","type":"number","minimum":0,"maximum":100},"score":{"description":"Score of this band (at most maxScore). — Điểm của mức (không vượt điểm tối đa).","type":"number","minimum":0}}},"criterion":{"description":"A node of the criteria tree: a parent (with \"children\") or a leaf (with \"maxScore\", \"owner\" and \"evidence\"). — Một nút của cây tiêu chí: nút cha (có \"children\") hoặc tiêu chí lá (có \"maxScore\", \"owner\" và \"evidence\").","type":"object","required":["id","title"],"additionalProperties":false,"properties":{"id":{"description":"Dotted numeric id as a string; a child's id extends its parent's (\"3.4\" → \"3.4.1\"). — Mã tiêu chí dạng số phân cách bằng dấu chấm, viết dưới dạng chuỗi; mã tiêu chí con mở rộng mã tiêu chí cha (\"3.4\" → \"3.4.1\").","type":"string","pattern":"^[0-9]+(\\.[0-9]+)*$"},"title":{"description":"Title of the criterion. — Tên tiêu chí.","type":"string","minLength":1},"maxScore":{"description":"Maximum score of this criterion (required on leaves; on a parent it must equal the sum of its children). — Điểm tối đa của tiêu chí (bắt buộc với tiêu chí lá; với nút cha phải bằng tổng điểm các tiêu chí con).","type":"number","exclusiveMinimum":0},"owner":{"description":"Id of the lead unit answerable for this criterion. — Mã đơn vị chủ trì, chịu trách nhiệm về tiêu chí.","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_-]*$"},"due":{"description":"Deadline for the evidence, ISO date YYYY-MM-DD. — Thời hạn hoàn thành tài liệu kiểm chứng, ngày ISO YYYY-MM-DD.","type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}$"},"selfScore":{"description":"Self-assessed score. — Điểm tự đánh giá.","type":"number","minimum":0},"notApplicable":{"description":"Reason why this criterion does not apply this year; waives it. — Lý do tiêu chí không áp dụng trong năm; tiêu chí được miễn đánh giá.","type":"string","minLength":1},"evidence":{"description":"Verification documents this criterion needs. — Các tài liệu kiểm chứng tiêu chí cần có.","type":"array","items":{"$ref":"#/definitions/requirement"}},"measure":{"$ref":"#/definitions/measure"},"children":{"description":"Sub-criteria (non-empty). — Các tiêu chí thành phần (không được rỗng).","type":"array","minItems":1,"items":{"$ref":"#/definitions/criterion"}}},"if":{"required":["children"]},"then":{},"else":{"required":["maxScore","owner"]}},"task":{"description":"A task of the reform plan, finished only with a concrete deliverable. — Một nhiệm vụ của kế hoạch CCHC, chỉ hoàn thành khi có sản phẩm cụ thể.","type":"object","required":["id","title","owner","due"],"additionalProperties":false,"properties":{"id":{"description":"Task id, e.g. \"NV-01\". — Mã nhiệm vụ, ví dụ \"NV-01\".","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]*$"},"title":{"description":"What must be done. — Nội dung nhiệm vụ.","type":"string","minLength":1},"owner":{"description":"Id of the lead unit. — Mã đơn vị chủ trì.","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_-]*$"},"support":{"description":"Ids of the supporting units. — Mã các đơn vị phối hợp.","type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/unitId"}},"due":{"description":"Deadline, ISO date YYYY-MM-DD. — Thời hạn hoàn thành, ngày ISO YYYY-MM-DD.","type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}$"},"source":{"description":"Document that assigned the task, e.g. \"248/QĐ-UBND\". — Văn bản giao nhiệm vụ, ví dụ \"248/QĐ-UBND\".","type":"string","minLength":1},"criteria":{"description":"Ids of the criteria this task serves. — Mã các tiêu chí mà nhiệm vụ phục vụ.","type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/criterionId"}},"evidence":{"description":"Deliverables proving the task is done. — Sản phẩm chứng minh nhiệm vụ đã hoàn thành.","type":"array","items":{"$ref":"#/definitions/requirement"}}}},"criterionOverlay":{"description":"A ward's entry for a criterion of the index it extends, found by id: owner, deadline, self-score, waiver and extra evidence requirements. Title and maxScore, when written, must equal the index's; children, when written, must list every child of the index. — Mục của phường/xã cho một tiêu chí của bộ chỉ số kế thừa, tìm theo mã: đơn vị chủ trì, thời hạn, điểm tự chấm, miễn đánh giá và yêu cầu tài liệu bổ sung. Tên và maxScore nếu ghi phải bằng của bộ chỉ số; children nếu ghi phải liệt kê mọi tiêu chí con của bộ chỉ số.","type":"object","required":["id"],"additionalProperties":false,"properties":{"id":{"description":"Dotted numeric id as a string; a child's id extends its parent's (\"3.4\" → \"3.4.1\"). — Mã tiêu chí dạng số phân cách bằng dấu chấm, viết dưới dạng chuỗi; mã tiêu chí con mở rộng mã tiêu chí cha (\"3.4\" → \"3.4.1\").","type":"string","pattern":"^[0-9]+(\\.[0-9]+)*$"},"title":{"description":"Title of the criterion. — Tên tiêu chí.","type":"string","minLength":1},"maxScore":{"description":"Maximum score of this criterion (required on leaves; on a parent it must equal the sum of its children). — Điểm tối đa của tiêu chí (bắt buộc với tiêu chí lá; với nút cha phải bằng tổng điểm các tiêu chí con).","type":"number","exclusiveMinimum":0},"owner":{"description":"Id of the lead unit answerable for this criterion. — Mã đơn vị chủ trì, chịu trách nhiệm về tiêu chí.","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_-]*$"},"due":{"description":"Deadline for the evidence, ISO date YYYY-MM-DD. — Thời hạn hoàn thành tài liệu kiểm chứng, ngày ISO YYYY-MM-DD.","type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}$"},"selfScore":{"description":"Self-assessed score. — Điểm tự đánh giá.","type":"number","minimum":0},"notApplicable":{"description":"Reason why this criterion does not apply this year; waives it. — Lý do tiêu chí không áp dụng trong năm; tiêu chí được miễn đánh giá.","type":"string","minLength":1},"evidence":{"description":"Verification documents this criterion needs. — Các tài liệu kiểm chứng tiêu chí cần có.","type":"array","items":{"$ref":"#/definitions/requirement"}},"children":{"description":"Sub-criteria (non-empty). — Các tiêu chí thành phần (không được rỗng).","type":"array","minItems":1,"items":{"$ref":"#/definitions/criterionOverlay"}}}}},"if":{"required":["extends"]},"then":{"properties":{"criteria":{"items":{"$ref":"#/definitions/criterionOverlay"}}}},"else":{"required":["index","units","criteria"],"properties":{"index":{"required":["id","title"]},"criteria":{"minItems":1,"items":{"$ref":"#/definitions/criterion"}}}}};
const schema18 = {"description":"A unit (office, centre). — Một đơn vị (phòng, trung tâm).","type":"object","required":["name"],"additionalProperties":false,"properties":{"name":{"description":"Full name of the unit. — Tên đầy đủ của đơn vị.","type":"string","minLength":1},"head":{"description":"Name of the head of the unit, answerable for its criteria. — Họ tên người đứng đầu đơn vị, chịu trách nhiệm về các tiêu chí của đơn vị.","type":"string"}}};
const schema12 = {"description":"A ward's entry for a criterion of the index it extends, found by id: owner, deadline, self-score, waiver and extra evidence requirements. Title and maxScore, when written, must equal the index's; children, when written, must list every child of the index. — Mục của phường/xã cho một tiêu chí của bộ chỉ số kế thừa, tìm theo mã: đơn vị chủ trì, thời hạn, điểm tự chấm, miễn đánh giá và yêu cầu tài liệu bổ sung. Tên và maxScore nếu ghi phải bằng của bộ chỉ số; children nếu ghi phải liệt kê mọi tiêu chí con của bộ chỉ số.","type":"object","required":["id"],"additionalProperties":false,"properties":{"id":{"description":"Dotted numeric id as a string; a child's id extends its parent's (\"3.4\" → \"3.4.1\"). — Mã tiêu chí dạng số phân cách bằng dấu chấm, viết dưới dạng chuỗi; mã tiêu chí con mở rộng mã tiêu chí cha (\"3.4\" → \"3.4.1\").","type":"string","pattern":"^[0-9]+(\\.[0-9]+)*$"},"title":{"description":"Title of the criterion. — Tên tiêu chí.","type":"string","minLength":1},"maxScore":{"description":"Maximum score of this criterion (required on leaves; on a parent it must equal the sum of its children). — Điểm tối đa của tiêu chí (bắt buộc với tiêu chí lá; với nút cha phải bằng tổng điểm các tiêu chí con).","type":"number","exclusiveMinimum":0},"owner":{"description":"Id of the lead unit answerable for this criterion. — Mã đơn vị chủ trì, chịu trách nhiệm về tiêu chí.","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_-]*$"},"due":{"description":"Deadline for the evidence, ISO date YYYY-MM-DD. — Thời hạn hoàn thành tài liệu kiểm chứng, ngày ISO YYYY-MM-DD.","type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}$"},"selfScore":{"description":"Self-assessed score. — Điểm tự đánh giá.","type":"number","minimum":0},"notApplicable":{"description":"Reason why this criterion does not apply this year; waives it. — Lý do tiêu chí không áp dụng trong năm; tiêu chí được miễn đánh giá.","type":"string","minLength":1},"evidence":{"description":"Verification documents this criterion needs. — Các tài liệu kiểm chứng tiêu chí cần có.","type":"array","items":{"$ref":"#/definitions/requirement"}},"children":{"description":"Sub-criteria (non-empty). — Các tiêu chí thành phần (không được rỗng).","type":"array","minItems":1,"items":{"$ref":"#/definitions/criterionOverlay"}}}};
const schema13 = {"description":"A verification-document requirement: at least \"min\" files matching \"path\". — Yêu cầu tài liệu kiểm chứng: ít nhất \"min\" tệp khớp với \"path\".","type":"object","required":["title","path"],"additionalProperties":false,"properties":{"title":{"description":"What the document is, e.g. \"Kế hoạch CCHC năm 2025\". — Tên tài liệu kiểm chứng, ví dụ \"Kế hoạch CCHC năm 2025\".","type":"string","minLength":1},"path":{"description":"Glob relative to the evidence root, e.g. \"1 Chỉ đạo điều hành/1.1 Kế hoạch CCHC/*.pdf\". — Mẫu đường dẫn (glob) tính từ thư mục tài liệu kiểm chứng, ví dụ \"1 Chỉ đạo điều hành/1.1 Kế hoạch CCHC/*.pdf\".","type":"string","minLength":1},"min":{"description":"Minimum number of matching files (default 1). — Số tệp khớp tối thiểu (mặc định 1).","type":"integer","minimum":1,"default":1}}};
const func2 = Object.prototype.hasOwnProperty;
const func3 = require("ajv/dist/runtime/ucs2length").default;
const pattern0 = new RegExp("^[0-9]+(\\.[0-9]+)*$", "u");
const pattern1 = new RegExp("^[A-Za-z][A-Za-z0-9_-]*$", "u");
const pattern2 = new RegExp("^\\d{4}-\\d{2}-\\d{2}$", "u");
const wrapper0 = {validate: validate11};

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema12.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err2 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)*$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)*$"+"\""};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.title !== undefined){
let data1 = data.title;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err4 = {instancePath:instancePath+"/title",schemaPath:"#/properties/title/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/title",schemaPath:"#/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.maxScore !== undefined){
let data2 = data.maxScore;
if(typeof data2 == "number"){
if(data2 <= 0 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/maxScore",schemaPath:"#/properties/maxScore/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/maxScore",schemaPath:"#/properties/maxScore/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.owner !== undefined){
let data3 = data.owner;
if(typeof data3 === "string"){
if(!pattern1.test(data3)){
const err8 = {instancePath:instancePath+"/owner",schemaPath:"#/properties/owner/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_-]*$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/owner",schemaPath:"#/properties/owner/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.due !== undefined){
let data4 = data.due;
if(typeof data4 === "string"){
if(!pattern2.test(data4)){
const err10 = {instancePath:instancePath+"/due",schemaPath:"#/properties/due/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}$"+"\""};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/due",schemaPath:"#/properties/due/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.selfScore !== undefined){
let data5 = data.selfScore;
if(typeof data5 == "number"){
if(data5 < 0 || isNaN(data5)){
const err12 = {instancePath:instancePath+"/selfScore",schemaPath:"#/properties/selfScore/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/selfScore",schemaPath:"#/properties/selfScore/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.notApplicable !== undefined){
let data6 = data.notApplicable;
if(typeof data6 === "string"){
if(func3(data6) < 1){
const err14 = {instancePath:instancePath+"/notApplicable",schemaPath:"#/properties/notApplicable/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/notApplicable",schemaPath:"#/properties/notApplicable/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.evidence !== undefined){
let data7 = data.evidence;
if(Array.isArray(data7)){
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
let data8 = data7[i0];
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.title === undefined){
const err16 = {instancePath:instancePath+"/evidence/" + i0,schemaPath:"#/definitions/requirement/required",keyword:"required",params:{missingProperty: "title"},message:"must have required property '"+"title"+"'"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data8.path === undefined){
const err17 = {instancePath:instancePath+"/evidence/" + i0,schemaPath:"#/definitions/requirement/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
for(const key1 in data8){
if(!(((key1 === "title") || (key1 === "path")) || (key1 === "min"))){
const err18 = {instancePath:instancePath+"/evidence/" + i0,schemaPath:"#/definitions/requirement/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data8.title !== undefined){
let data9 = data8.title;
if(typeof data9 === "string"){
if(func3(data9) < 1){
const err19 = {instancePath:instancePath+"/evidence/" + i0+"/title",schemaPath:"#/definitions/requirement/properties/title/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/evidence/" + i0+"/title",schemaPath:"#/definitions/requirement/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data8.path !== undefined){
let data10 = data8.path;
if(typeof data10 === "string"){
if(func3(data10) < 1){
const err21 = {instancePath:instancePath+"/evidence/" + i0+"/path",schemaPath:"#/definitions/requirement/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/evidence/" + i0+"/path",schemaPath:"#/definitions/requirement/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data8.min !== undefined){
let data11 = data8.min;
if(!((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11)))){
const err23 = {instancePath:instancePath+"/evidence/" + i0+"/min",schemaPath:"#/definitions/requirement/properties/min/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(typeof data11 == "number"){
if(data11 < 1 || isNaN(data11)){
const err24 = {instancePath:instancePath+"/evidence/" + i0+"/min",schemaPath:"#/definitions/requirement/properties/min/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
}
else {
const err25 = {instancePath:instancePath+"/evidence/" + i0,schemaPath:"#/definitions/requirement/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/evidence",schemaPath:"#/properties/evidence/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.children !== undefined){
let data12 = data.children;
if(Array.isArray(data12)){
if(data12.length < 1){
const err27 = {instancePath:instancePath+"/children",schemaPath:"#/properties/children/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
const len1 = data12.length;
for(let i1=0; i1<len1; i1++){
if(!(wrapper0.validate(data12[i1], {instancePath:instancePath+"/children/" + i1,parentData:data12,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
errors = vErrors.length;
}
}
}
else {
const err28 = {instancePath:instancePath+"/children",schemaPath:"#/properties/children/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema14 = {"description":"A node of the criteria tree: a parent (with \"children\") or a leaf (with \"maxScore\", \"owner\" and \"evidence\"). — Một nút của cây tiêu chí: nút cha (có \"children\") hoặc tiêu chí lá (có \"maxScore\", \"owner\" và \"evidence\").","type":"object","required":["id","title"],"additionalProperties":false,"properties":{"id":{"description":"Dotted numeric id as a string; a child's id extends its parent's (\"3.4\" → \"3.4.1\"). — Mã tiêu chí dạng số phân cách bằng dấu chấm, viết dưới dạng chuỗi; mã tiêu chí con mở rộng mã tiêu chí cha (\"3.4\" → \"3.4.1\").","type":"string","pattern":"^[0-9]+(\\.[0-9]+)*$"},"title":{"description":"Title of the criterion. — Tên tiêu chí.","type":"string","minLength":1},"maxScore":{"description":"Maximum score of this criterion (required on leaves; on a parent it must equal the sum of its children). — Điểm tối đa của tiêu chí (bắt buộc với tiêu chí lá; với nút cha phải bằng tổng điểm các tiêu chí con).","type":"number","exclusiveMinimum":0},"owner":{"description":"Id of the lead unit answerable for this criterion. — Mã đơn vị chủ trì, chịu trách nhiệm về tiêu chí.","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_-]*$"},"due":{"description":"Deadline for the evidence, ISO date YYYY-MM-DD. — Thời hạn hoàn thành tài liệu kiểm chứng, ngày ISO YYYY-MM-DD.","type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}$"},"selfScore":{"description":"Self-assessed score. — Điểm tự đánh giá.","type":"number","minimum":0},"notApplicable":{"description":"Reason why this criterion does not apply this year; waives it. — Lý do tiêu chí không áp dụng trong năm; tiêu chí được miễn đánh giá.","type":"string","minLength":1},"evidence":{"description":"Verification documents this criterion needs. — Các tài liệu kiểm chứng tiêu chí cần có.","type":"array","items":{"$ref":"#/definitions/requirement"}},"measure":{"$ref":"#/definitions/measure"},"children":{"description":"Sub-criteria (non-empty). — Các tiêu chí thành phần (không được rỗng).","type":"array","minItems":1,"items":{"$ref":"#/definitions/criterion"}}},"if":{"required":["children"]},"then":{},"else":{"required":["maxScore","owner"]}};
const schema16 = {"description":"A rate computed from monthly figures in a data file (.csv or .xlsx) and scored by bands or proportionally. The data file also counts as one evidence requirement of the leaf. — Một tỷ lệ tính từ số liệu hằng tháng trong tệp dữ liệu (.csv hoặc .xlsx), chấm điểm theo mức hoặc theo tỷ lệ. Tệp dữ liệu cũng là một yêu cầu tài liệu kiểm chứng của tiêu chí.","type":"object","required":["data","period","numerator","denominator"],"additionalProperties":false,"properties":{"data":{"description":"One .csv or .xlsx file, relative to the evidence root. — Một tệp .csv hoặc .xlsx, tính từ thư mục tài liệu kiểm chứng.","type":"string","minLength":1},"sheet":{"description":".xlsx only: name of the sheet (default: the first sheet). — Chỉ với .xlsx: tên trang tính (mặc định: trang đầu tiên).","type":"string","minLength":1},"period":{"description":"Header of the month column: 2025-01, 01/2025, 1/2025, a date text or a date cell. — Tiêu đề cột tháng: 2025-01, 01/2025, 1/2025, ngày dạng chữ hoặc ô ngày.","type":"string","minLength":1},"numerator":{"description":"Header of the column summed as the numerator. — Tiêu đề cột được cộng làm tử số.","type":"string","minLength":1},"denominator":{"description":"Header of the column summed as the denominator. — Tiêu đề cột được cộng làm mẫu số.","type":"string","minLength":1},"bands":{"description":"Score bands, rate in percent, in falling order of \"from\": the first band the rate reaches gives the score; below all: 0. — Các mức điểm theo tỷ lệ phần trăm, \"from\" giảm dần: mức đầu tiên tỷ lệ đạt tới cho điểm; thấp hơn mọi mức: 0.","type":"array","minItems":1,"items":{"$ref":"#/definitions/band"}},"proportional":{"description":"Instead of bands: score = maxScore × min(1, rate ÷ target), rounded to 0.01. — Thay cho các mức: điểm = điểm tối đa × min(1, tỷ lệ ÷ mục tiêu), làm tròn 0,01.","type":"object","required":["target"],"additionalProperties":false,"properties":{"target":{"description":"Rate in percent that earns full points (100: linear). — Tỷ lệ phần trăm đạt điểm tối đa (100: tuyến tính).","type":"number","exclusiveMinimum":0,"maximum":100}}},"noCases":{"description":"What a window without any case scores: zero (default) or full. — Điểm khi không có hồ sơ nào trong kỳ: zero (mặc định) hoặc full (tối đa).","enum":["zero","full"],"default":"zero"},"over":{"description":"year (default): every month of the index year up to the as-of month, summed; latest: the last such month only. — year (mặc định): cộng mọi tháng của năm đánh giá đến tháng tính đến; latest: chỉ tháng gần nhất.","enum":["year","latest"],"default":"year"}}};
const schema17 = {"description":"A score band: a rate of at least \"from\" percent scores \"score\". — Một mức điểm: tỷ lệ từ \"from\" phần trăm trở lên được \"score\" điểm.","type":"object","required":["from","score"],"additionalProperties":false,"properties":{"from":{"description":"Lowest rate in percent of this band. — Tỷ lệ phần trăm thấp nhất của mức.","type":"number","minimum":0,"maximum":100},"score":{"description":"Score of this band (at most maxScore). — Điểm của mức (không vượt điểm tối đa).","type":"number","minimum":0}}};

function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.data === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "data"},message:"must have required property '"+"data"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.period === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "period"},message:"must have required property '"+"period"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.numerator === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "numerator"},message:"must have required property '"+"numerator"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.denominator === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "denominator"},message:"must have required property '"+"denominator"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema16.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.data !== undefined){
let data0 = data.data;
if(typeof data0 === "string"){
if(func3(data0) < 1){
const err5 = {instancePath:instancePath+"/data",schemaPath:"#/properties/data/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/data",schemaPath:"#/properties/data/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.sheet !== undefined){
let data1 = data.sheet;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err7 = {instancePath:instancePath+"/sheet",schemaPath:"#/properties/sheet/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/sheet",schemaPath:"#/properties/sheet/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.period !== undefined){
let data2 = data.period;
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err9 = {instancePath:instancePath+"/period",schemaPath:"#/properties/period/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/period",schemaPath:"#/properties/period/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.numerator !== undefined){
let data3 = data.numerator;
if(typeof data3 === "string"){
if(func3(data3) < 1){
const err11 = {instancePath:instancePath+"/numerator",schemaPath:"#/properties/numerator/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/numerator",schemaPath:"#/properties/numerator/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.denominator !== undefined){
let data4 = data.denominator;
if(typeof data4 === "string"){
if(func3(data4) < 1){
const err13 = {instancePath:instancePath+"/denominator",schemaPath:"#/properties/denominator/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/denominator",schemaPath:"#/properties/denominator/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.bands !== undefined){
let data5 = data.bands;
if(Array.isArray(data5)){
if(data5.length < 1){
const err15 = {instancePath:instancePath+"/bands",schemaPath:"#/properties/bands/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.from === undefined){
const err16 = {instancePath:instancePath+"/bands/" + i0,schemaPath:"#/definitions/band/required",keyword:"required",params:{missingProperty: "from"},message:"must have required property '"+"from"+"'"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data6.score === undefined){
const err17 = {instancePath:instancePath+"/bands/" + i0,schemaPath:"#/definitions/band/required",keyword:"required",params:{missingProperty: "score"},message:"must have required property '"+"score"+"'"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
for(const key1 in data6){
if(!((key1 === "from") || (key1 === "score"))){
const err18 = {instancePath:instancePath+"/bands/" + i0,schemaPath:"#/definitions/band/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data6.from !== undefined){
let data7 = data6.from;
if(typeof data7 == "number"){
if(data7 > 100 || isNaN(data7)){
const err19 = {instancePath:instancePath+"/bands/" + i0+"/from",schemaPath:"#/definitions/band/properties/from/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data7 < 0 || isNaN(data7)){
const err20 = {instancePath:instancePath+"/bands/" + i0+"/from",schemaPath:"#/definitions/band/properties/from/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/bands/" + i0+"/from",schemaPath:"#/definitions/band/properties/from/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data6.score !== undefined){
let data8 = data6.score;
if(typeof data8 == "number"){
if(data8 < 0 || isNaN(data8)){
const err22 = {instancePath:instancePath+"/bands/" + i0+"/score",schemaPath:"#/definitions/band/properties/score/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/bands/" + i0+"/score",schemaPath:"#/definitions/band/properties/score/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/bands/" + i0,schemaPath:"#/definitions/band/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/bands",schemaPath:"#/properties/bands/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.proportional !== undefined){
let data9 = data.proportional;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.target === undefined){
const err26 = {instancePath:instancePath+"/proportional",schemaPath:"#/properties/proportional/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
for(const key2 in data9){
if(!(key2 === "target")){
const err27 = {instancePath:instancePath+"/proportional",schemaPath:"#/properties/proportional/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data9.target !== undefined){
let data10 = data9.target;
if(typeof data10 == "number"){
if(data10 > 100 || isNaN(data10)){
const err28 = {instancePath:instancePath+"/proportional/target",schemaPath:"#/properties/proportional/properties/target/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data10 <= 0 || isNaN(data10)){
const err29 = {instancePath:instancePath+"/proportional/target",schemaPath:"#/properties/proportional/properties/target/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/proportional/target",schemaPath:"#/properties/proportional/properties/target/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/proportional",schemaPath:"#/properties/proportional/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.noCases !== undefined){
let data11 = data.noCases;
if(!((data11 === "zero") || (data11 === "full"))){
const err32 = {instancePath:instancePath+"/noCases",schemaPath:"#/properties/noCases/enum",keyword:"enum",params:{allowedValues: schema16.properties.noCases.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.over !== undefined){
let data12 = data.over;
if(!((data12 === "year") || (data12 === "latest"))){
const err33 = {instancePath:instancePath+"/over",schemaPath:"#/properties/over/enum",keyword:"enum",params:{allowedValues: schema16.properties.over.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}

const wrapper1 = {validate: validate13};

function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.children === undefined) && (missing0 = "children")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
if(!_valid0){
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.maxScore === undefined){
const err1 = {instancePath,schemaPath:"#/else/required",keyword:"required",params:{missingProperty: "maxScore"},message:"must have required property '"+"maxScore"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.owner === undefined){
const err2 = {instancePath,schemaPath:"#/else/required",keyword:"required",params:{missingProperty: "owner"},message:"must have required property '"+"owner"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs3 === errors;
valid0 = _valid0;
}
if(!valid0){
const err3 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: "else"},message:"must match \"else\" schema"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.title === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "title"},message:"must have required property '"+"title"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema14.properties, key0))){
const err6 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)*$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)*$"+"\""};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.title !== undefined){
let data1 = data.title;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err9 = {instancePath:instancePath+"/title",schemaPath:"#/properties/title/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/title",schemaPath:"#/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.maxScore !== undefined){
let data2 = data.maxScore;
if(typeof data2 == "number"){
if(data2 <= 0 || isNaN(data2)){
const err11 = {instancePath:instancePath+"/maxScore",schemaPath:"#/properties/maxScore/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/maxScore",schemaPath:"#/properties/maxScore/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.owner !== undefined){
let data3 = data.owner;
if(typeof data3 === "string"){
if(!pattern1.test(data3)){
const err13 = {instancePath:instancePath+"/owner",schemaPath:"#/properties/owner/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_-]*$"+"\""};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/owner",schemaPath:"#/properties/owner/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.due !== undefined){
let data4 = data.due;
if(typeof data4 === "string"){
if(!pattern2.test(data4)){
const err15 = {instancePath:instancePath+"/due",schemaPath:"#/properties/due/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}$"+"\""};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/due",schemaPath:"#/properties/due/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.selfScore !== undefined){
let data5 = data.selfScore;
if(typeof data5 == "number"){
if(data5 < 0 || isNaN(data5)){
const err17 = {instancePath:instancePath+"/selfScore",schemaPath:"#/properties/selfScore/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/selfScore",schemaPath:"#/properties/selfScore/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.notApplicable !== undefined){
let data6 = data.notApplicable;
if(typeof data6 === "string"){
if(func3(data6) < 1){
const err19 = {instancePath:instancePath+"/notApplicable",schemaPath:"#/properties/notApplicable/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/notApplicable",schemaPath:"#/properties/notApplicable/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.evidence !== undefined){
let data7 = data.evidence;
if(Array.isArray(data7)){
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
let data8 = data7[i0];
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.title === undefined){
const err21 = {instancePath:instancePath+"/evidence/" + i0,schemaPath:"#/definitions/requirement/required",keyword:"required",params:{missingProperty: "title"},message:"must have required property '"+"title"+"'"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data8.path === undefined){
const err22 = {instancePath:instancePath+"/evidence/" + i0,schemaPath:"#/definitions/requirement/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
for(const key1 in data8){
if(!(((key1 === "title") || (key1 === "path")) || (key1 === "min"))){
const err23 = {instancePath:instancePath+"/evidence/" + i0,schemaPath:"#/definitions/requirement/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data8.title !== undefined){
let data9 = data8.title;
if(typeof data9 === "string"){
if(func3(data9) < 1){
const err24 = {instancePath:instancePath+"/evidence/" + i0+"/title",schemaPath:"#/definitions/requirement/properties/title/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/evidence/" + i0+"/title",schemaPath:"#/definitions/requirement/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data8.path !== undefined){
let data10 = data8.path;
if(typeof data10 === "string"){
if(func3(data10) < 1){
const err26 = {instancePath:instancePath+"/evidence/" + i0+"/path",schemaPath:"#/definitions/requirement/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/evidence/" + i0+"/path",schemaPath:"#/definitions/requirement/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data8.min !== undefined){
let data11 = data8.min;
if(!((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11)))){
const err28 = {instancePath:instancePath+"/evidence/" + i0+"/min",schemaPath:"#/definitions/requirement/properties/min/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(typeof data11 == "number"){
if(data11 < 1 || isNaN(data11)){
const err29 = {instancePath:instancePath+"/evidence/" + i0+"/min",schemaPath:"#/definitions/requirement/properties/min/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
}
else {
const err30 = {instancePath:instancePath+"/evidence/" + i0,schemaPath:"#/definitions/requirement/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/evidence",schemaPath:"#/properties/evidence/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.measure !== undefined){
if(!(validate14(data.measure, {instancePath:instancePath+"/measure",parentData:data,parentDataProperty:"measure",rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
}
if(data.children !== undefined){
let data13 = data.children;
if(Array.isArray(data13)){
if(data13.length < 1){
const err32 = {instancePath:instancePath+"/children",schemaPath:"#/properties/children/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
const len1 = data13.length;
for(let i1=0; i1<len1; i1++){
if(!(wrapper1.validate(data13[i1], {instancePath:instancePath+"/children/" + i1,parentData:data13,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? wrapper1.validate.errors : vErrors.concat(wrapper1.validate.errors);
errors = vErrors.length;
}
}
}
else {
const err33 = {instancePath:instancePath+"/children",schemaPath:"#/properties/children/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
validate13.errors = vErrors;
return errors === 0;
}

const schema19 = {"description":"A task of the reform plan, finished only with a concrete deliverable. — Một nhiệm vụ của kế hoạch CCHC, chỉ hoàn thành khi có sản phẩm cụ thể.","type":"object","required":["id","title","owner","due"],"additionalProperties":false,"properties":{"id":{"description":"Task id, e.g. \"NV-01\". — Mã nhiệm vụ, ví dụ \"NV-01\".","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]*$"},"title":{"description":"What must be done. — Nội dung nhiệm vụ.","type":"string","minLength":1},"owner":{"description":"Id of the lead unit. — Mã đơn vị chủ trì.","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_-]*$"},"support":{"description":"Ids of the supporting units. — Mã các đơn vị phối hợp.","type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/unitId"}},"due":{"description":"Deadline, ISO date YYYY-MM-DD. — Thời hạn hoàn thành, ngày ISO YYYY-MM-DD.","type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}$"},"source":{"description":"Document that assigned the task, e.g. \"248/QĐ-UBND\". — Văn bản giao nhiệm vụ, ví dụ \"248/QĐ-UBND\".","type":"string","minLength":1},"criteria":{"description":"Ids of the criteria this task serves. — Mã các tiêu chí mà nhiệm vụ phục vụ.","type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/criterionId"}},"evidence":{"description":"Deliverables proving the task is done. — Sản phẩm chứng minh nhiệm vụ đã hoàn thành.","type":"array","items":{"$ref":"#/definitions/requirement"}}}};
const schema20 = {"description":"Id of a unit declared under \"units\". — Mã của một đơn vị đã khai báo trong \"units\".","type":"string","pattern":"^[A-Za-z][A-Za-z0-9_-]*$"};
const schema21 = {"description":"Dotted numeric criterion id written as a string, e.g. \"3.4.1\". — Mã tiêu chí dạng số phân cách bằng dấu chấm, viết dưới dạng chuỗi, ví dụ \"3.4.1\".","type":"string","pattern":"^[0-9]+(\\.[0-9]+)*$"};
const pattern7 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._-]*$", "u");
const func0 = require("ajv/dist/runtime/equal").default;

function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.title === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "title"},message:"must have required property '"+"title"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.owner === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "owner"},message:"must have required property '"+"owner"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.due === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "due"},message:"must have required property '"+"due"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "id") || (key0 === "title")) || (key0 === "owner")) || (key0 === "support")) || (key0 === "due")) || (key0 === "source")) || (key0 === "criteria")) || (key0 === "evidence"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(!pattern7.test(data0)){
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.title !== undefined){
let data1 = data.title;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err7 = {instancePath:instancePath+"/title",schemaPath:"#/properties/title/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/title",schemaPath:"#/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.owner !== undefined){
let data2 = data.owner;
if(typeof data2 === "string"){
if(!pattern1.test(data2)){
const err9 = {instancePath:instancePath+"/owner",schemaPath:"#/properties/owner/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_-]*$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/owner",schemaPath:"#/properties/owner/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.support !== undefined){
let data3 = data.support;
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 === "string"){
if(!pattern1.test(data4)){
const err11 = {instancePath:instancePath+"/support/" + i0,schemaPath:"#/definitions/unitId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_-]*$"+"\""};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/support/" + i0,schemaPath:"#/definitions/unitId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
let i1 = data3.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data3[i1], data3[j0])){
const err13 = {instancePath:instancePath+"/support",schemaPath:"#/properties/support/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err14 = {instancePath:instancePath+"/support",schemaPath:"#/properties/support/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.due !== undefined){
let data5 = data.due;
if(typeof data5 === "string"){
if(!pattern2.test(data5)){
const err15 = {instancePath:instancePath+"/due",schemaPath:"#/properties/due/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}$"+"\""};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/due",schemaPath:"#/properties/due/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.source !== undefined){
let data6 = data.source;
if(typeof data6 === "string"){
if(func3(data6) < 1){
const err17 = {instancePath:instancePath+"/source",schemaPath:"#/properties/source/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/source",schemaPath:"#/properties/source/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.criteria !== undefined){
let data7 = data.criteria;
if(Array.isArray(data7)){
const len1 = data7.length;
for(let i2=0; i2<len1; i2++){
let data8 = data7[i2];
if(typeof data8 === "string"){
if(!pattern0.test(data8)){
const err19 = {instancePath:instancePath+"/criteria/" + i2,schemaPath:"#/definitions/criterionId/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)*$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)*$"+"\""};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/criteria/" + i2,schemaPath:"#/definitions/criterionId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
let i3 = data7.length;
let j1;
if(i3 > 1){
outer1:
for(;i3--;){
for(j1 = i3; j1--;){
if(func0(data7[i3], data7[j1])){
const err21 = {instancePath:instancePath+"/criteria",schemaPath:"#/properties/criteria/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err22 = {instancePath:instancePath+"/criteria",schemaPath:"#/properties/criteria/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.evidence !== undefined){
let data9 = data.evidence;
if(Array.isArray(data9)){
const len2 = data9.length;
for(let i4=0; i4<len2; i4++){
let data10 = data9[i4];
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.title === undefined){
const err23 = {instancePath:instancePath+"/evidence/" + i4,schemaPath:"#/definitions/requirement/required",keyword:"required",params:{missingProperty: "title"},message:"must have required property '"+"title"+"'"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data10.path === undefined){
const err24 = {instancePath:instancePath+"/evidence/" + i4,schemaPath:"#/definitions/requirement/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
for(const key1 in data10){
if(!(((key1 === "title") || (key1 === "path")) || (key1 === "min"))){
const err25 = {instancePath:instancePath+"/evidence/" + i4,schemaPath:"#/definitions/requirement/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data10.title !== undefined){
let data11 = data10.title;
if(typeof data11 === "string"){
if(func3(data11) < 1){
const err26 = {instancePath:instancePath+"/evidence/" + i4+"/title",schemaPath:"#/definitions/requirement/properties/title/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/evidence/" + i4+"/title",schemaPath:"#/definitions/requirement/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data10.path !== undefined){
let data12 = data10.path;
if(typeof data12 === "string"){
if(func3(data12) < 1){
const err28 = {instancePath:instancePath+"/evidence/" + i4+"/path",schemaPath:"#/definitions/requirement/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/evidence/" + i4+"/path",schemaPath:"#/definitions/requirement/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data10.min !== undefined){
let data13 = data10.min;
if(!((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13)))){
const err30 = {instancePath:instancePath+"/evidence/" + i4+"/min",schemaPath:"#/definitions/requirement/properties/min/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(typeof data13 == "number"){
if(data13 < 1 || isNaN(data13)){
const err31 = {instancePath:instancePath+"/evidence/" + i4+"/min",schemaPath:"#/definitions/requirement/properties/min/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
}
else {
const err32 = {instancePath:instancePath+"/evidence/" + i4,schemaPath:"#/definitions/requirement/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/evidence",schemaPath:"#/properties/evidence/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
validate17.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://reform-evidence.local/schemas/criteria.schema.json" */;
let vErrors = null;
let errors = 0;
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.extends === undefined) && (missing0 = "extends")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.criteria !== undefined){
let data0 = data.criteria;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
if(!(validate11(data0[i0], {instancePath:instancePath+"/criteria/" + i0,parentData:data0,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
}
}
}
var _valid0 = _errs3 === errors;
valid0 = _valid0;
ifClause0 = "then";
}
else {
const _errs6 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.index === undefined){
const err1 = {instancePath,schemaPath:"#/else/required",keyword:"required",params:{missingProperty: "index"},message:"must have required property '"+"index"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.units === undefined){
const err2 = {instancePath,schemaPath:"#/else/required",keyword:"required",params:{missingProperty: "units"},message:"must have required property '"+"units"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.criteria === undefined){
const err3 = {instancePath,schemaPath:"#/else/required",keyword:"required",params:{missingProperty: "criteria"},message:"must have required property '"+"criteria"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.index !== undefined){
let data2 = data.index;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.id === undefined){
const err4 = {instancePath:instancePath+"/index",schemaPath:"#/else/properties/index/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data2.title === undefined){
const err5 = {instancePath:instancePath+"/index",schemaPath:"#/else/properties/index/required",keyword:"required",params:{missingProperty: "title"},message:"must have required property '"+"title"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.criteria !== undefined){
let data3 = data.criteria;
if(Array.isArray(data3)){
if(data3.length < 1){
const err6 = {instancePath:instancePath+"/criteria",schemaPath:"#/else/properties/criteria/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len1 = data3.length;
for(let i1=0; i1<len1; i1++){
if(!(validate13(data3[i1], {instancePath:instancePath+"/criteria/" + i1,parentData:data3,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
}
}
}
var _valid0 = _errs6 === errors;
valid0 = _valid0;
ifClause0 = "else";
}
if(!valid0){
const err7 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.reformEvidence === undefined){
const err8 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "reformEvidence"},message:"must have required property '"+"reformEvidence"+"'"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "$schema") || (key0 === "reformEvidence")) || (key0 === "extends")) || (key0 === "index")) || (key0 === "units")) || (key0 === "criteria")) || (key0 === "tasks"))){
const err9 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.$schema !== undefined){
if(typeof data.$schema !== "string"){
const err10 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.reformEvidence !== undefined){
if(1 !== data.reformEvidence){
const err11 = {instancePath:instancePath+"/reformEvidence",schemaPath:"#/properties/reformEvidence/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.extends !== undefined){
let data7 = data.extends;
if(typeof data7 === "string"){
if(func3(data7) < 1){
const err12 = {instancePath:instancePath+"/extends",schemaPath:"#/properties/extends/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/extends",schemaPath:"#/properties/extends/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.index !== undefined){
let data8 = data.index;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key1 in data8){
if(!(((((key1 === "id") || (key1 === "title")) || (key1 === "year")) || (key1 === "evidenceRoot")) || (key1 === "version"))){
const err14 = {instancePath:instancePath+"/index",schemaPath:"#/properties/index/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data8.id !== undefined){
let data9 = data8.id;
if(typeof data9 === "string"){
if(func3(data9) < 1){
const err15 = {instancePath:instancePath+"/index/id",schemaPath:"#/properties/index/properties/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/index/id",schemaPath:"#/properties/index/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data8.title !== undefined){
let data10 = data8.title;
if(typeof data10 === "string"){
if(func3(data10) < 1){
const err17 = {instancePath:instancePath+"/index/title",schemaPath:"#/properties/index/properties/title/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/index/title",schemaPath:"#/properties/index/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data8.year !== undefined){
let data11 = data8.year;
if(!((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11)))){
const err19 = {instancePath:instancePath+"/index/year",schemaPath:"#/properties/index/properties/year/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(typeof data11 == "number"){
if(data11 > 2100 || isNaN(data11)){
const err20 = {instancePath:instancePath+"/index/year",schemaPath:"#/properties/index/properties/year/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2100},message:"must be <= 2100"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data11 < 2000 || isNaN(data11)){
const err21 = {instancePath:instancePath+"/index/year",schemaPath:"#/properties/index/properties/year/minimum",keyword:"minimum",params:{comparison: ">=", limit: 2000},message:"must be >= 2000"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
if(data8.evidenceRoot !== undefined){
let data12 = data8.evidenceRoot;
if(typeof data12 === "string"){
if(func3(data12) < 1){
const err22 = {instancePath:instancePath+"/index/evidenceRoot",schemaPath:"#/properties/index/properties/evidenceRoot/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/index/evidenceRoot",schemaPath:"#/properties/index/properties/evidenceRoot/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data8.version !== undefined){
let data13 = data8.version;
if(typeof data13 === "string"){
if(func3(data13) < 1){
const err24 = {instancePath:instancePath+"/index/version",schemaPath:"#/properties/index/properties/version/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/index/version",schemaPath:"#/properties/index/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/index",schemaPath:"#/properties/index/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.units !== undefined){
let data14 = data.units;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(Object.keys(data14).length < 1){
const err27 = {instancePath:instancePath+"/units",schemaPath:"#/properties/units/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key2 in data14){
const _errs31 = errors;
if(typeof key2 === "string"){
if(!pattern1.test(key2)){
const err28 = {instancePath:instancePath+"/units",schemaPath:"#/properties/units/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_-]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_-]*$"+"\"",propertyName:key2};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
var valid9 = _errs31 === errors;
if(!valid9){
const err29 = {instancePath:instancePath+"/units",schemaPath:"#/properties/units/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
for(const key3 in data14){
let data15 = data14[key3];
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(data15.name === undefined){
const err30 = {instancePath:instancePath+"/units/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/unit/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
for(const key4 in data15){
if(!((key4 === "name") || (key4 === "head"))){
const err31 = {instancePath:instancePath+"/units/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/unit/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data15.name !== undefined){
let data16 = data15.name;
if(typeof data16 === "string"){
if(func3(data16) < 1){
const err32 = {instancePath:instancePath+"/units/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/name",schemaPath:"#/definitions/unit/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/units/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/name",schemaPath:"#/definitions/unit/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data15.head !== undefined){
if(typeof data15.head !== "string"){
const err34 = {instancePath:instancePath+"/units/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/head",schemaPath:"#/definitions/unit/properties/head/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/units/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/unit/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/units",schemaPath:"#/properties/units/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.criteria !== undefined){
if(!(Array.isArray(data.criteria))){
const err37 = {instancePath:instancePath+"/criteria",schemaPath:"#/properties/criteria/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data.tasks !== undefined){
let data19 = data.tasks;
if(Array.isArray(data19)){
const len2 = data19.length;
for(let i2=0; i2<len2; i2++){
if(!(validate17(data19[i2], {instancePath:instancePath+"/tasks/" + i2,parentData:data19,parentDataProperty:i2,rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
}
else {
const err38 = {instancePath:instancePath+"/tasks",schemaPath:"#/properties/tasks/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
