#!/usr/bin/env python3
"""Writes the 公文 typesetting demo packs (one JSON file each) from the short texts below.

Each pack carries the GB/T 9704 elements its kind has, so that scripts/fidelity-report.py can
check every element on a document that has it. Run from anywhere; the files land beside this
script. The texts are written for the demo, after the pattern of real notices.
"""
import json, os, copy

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = {
    "unit_id": "policy-dept", "state": "drafting", "revision": 0, "signature": None, "deployment": None,
}
DISCLOSURE = {"attribute": "proactive", "legal_basis": [], "explanation": "", "review": None}

def sec(level, number, heading, *paragraphs):
    return {"level": level, "number": number, "heading": heading, "paragraphs": list(paragraphs)}

def policy(**kw):
    p = {"title": "", "doc_number": None, "issuing_authority": "", "drafting_unit": "办公厅",
         "drafter": "王敏", "written_on": None, "disclosure": DISCLOSURE, "importance": "ordinary",
         "category": "other", "preamble": [], "sections": [], "attachments": []}
    p.update(kw)
    return p

def pack(id, pol):
    out = copy.deepcopy(BASE)
    out["id"] = id
    out["content"] = {"policy": pol, "plan": None,
                      "materials": {"text": None, "charts": [], "qa": [], "press_lines": [], "images": []}}
    return out

REGULATION = [
    sec("chapter", "第一章", "总则"),
    sec("article", "第一条", "", "为了规范本部门政务信息资源的共享与开放，提高行政效能，根据《中华人民共和国政府信息公开条例》和国家有关规定，制定本办法。"),
    sec("article", "第二条", "", "本办法适用于本部门及所属单位在履行职责过程中产生或者获取的，以一定形式记录、保存的政务信息资源的目录编制、共享、开放和监督管理。"),
    sec("article", "第三条", "", "政务信息资源共享与开放遵循以下原则："),
    sec("item", "（一）", "", "以共享为原则，不共享为例外；"),
    sec("item", "（二）", "", "需求导向，无偿使用；"),
    sec("item", "（三）", "", "统一标准，统筹建设；"),
    sec("item", "（四）", "", "建立机制，保障安全。"),
    sec("chapter", "第二章", "目录编制与共享"),
    sec("article", "第四条", "", "办公厅负责组织编制政务信息资源目录，明确信息资源的分类、责任方、格式、属性、更新时限、共享类型、共享方式和使用要求，并于每年第一季度更新。"),
    sec("article", "第五条", "", "各单位应当按照目录要求，在信息形成或者变更之日起10个工作日内向共享平台提供数据，保证数据的完整性、准确性和时效性。"),
    sec("article", "第六条", "", "使用共享信息的单位，应当按照明确的使用用途用于本单位履行职责需要，不得以任何形式提供给第三方，也不得用于其他目的。"),
    sec("chapter", "第三章", "监督与保障"),
    sec("article", "第七条", "", "办公厅每年对各单位政务信息资源共享与开放工作进行评估，评估结果纳入年度绩效考核。对未按要求提供或者使用共享信息的，予以通报并责令限期改正。"),
    sec("article", "第八条", "", "本办法自印发之日起施行。"),
]

PACKS = {
    # 1. A forwarding notice (印发) with its attachment, a 版记, numbered copies and an urgency.
    "gongwen-forwarding-notice": policy(
        title="国土资源部办公厅关于印发《国土资源部政务信息资源共享与开放管理办法》的通知",
        doc_number="国土资厅发〔2026〕12号", issuing_authority="国土资源部办公厅",
        issuer_mark="国土资源部办公厅文件", doc_type="notice", forwarding="issue",
        copy_number="000123", urgency="urgent",
        addressee="各省、自治区、直辖市及计划单列市自然资源主管部门，新疆生产建设兵团自然资源局，部机关各司局，各派出机构，各直属单位",
        written_on="2026-11-20",
        preamble=["《国土资源部政务信息资源共享与开放管理办法》已经部长办公会议审议通过，现印发给你们，请认真贯彻执行。执行中遇到的问题，请及时报送部办公厅（政务公开办公室）。"],
        attachments=[{"title": "国土资源部政务信息资源共享与开放管理办法", "paragraphs": [], "sections": REGULATION}],
        annotation="（此件公开发布）",
        colophon={"copied_to": "国务院办公厅，国家数据局，中央纪委国家监委驻部纪检监察组", "printed_by": "国土资源部办公厅", "printed_on": "2026-11-21"},
    ),
    # 2. A 上行文 (请示) with two 签发人, a 密级 and a sealed signature.
    "gongwen-upward-request": policy(
        title="国土资源部关于开展政务公开标准化规范化试点工作的请示",
        doc_number="国土资发〔2026〕45号", issuing_authority="国土资源部", doc_type="request",
        sign_off_by=["王广华", "李明"], addressee="国务院", sealed=True,
        secrecy={"level": "confidential", "term": "1年"}, urgency="very_urgent", copy_number="12",
        written_on="2026-11-18", disclosure={"attribute": "not_disclosed", "legal_basis": [], "explanation": "", "review": None},
        preamble=["为贯彻落实《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》，进一步提升国土资源领域政务公开质量和实效，我部拟在部分省份开展政务公开标准化规范化试点工作。现将有关事项请示如下。"],
        sections=[
            sec("l1", "一、", "试点范围", "拟选择浙江、四川、广东三省的国土资源主管部门及其所属市县开展试点，试点期一年。"),
            sec("l1", "二、", "主要任务", "编制国土资源领域基层政务公开事项标准目录，明确公开内容、公开依据、公开时限、公开主体和公开方式；规范政策解读、回应关切和依申请公开工作流程；建设统一的政务公开专栏。"),
            sec("l1", "三、", "保障措施", "我部将成立试点工作领导小组，加强业务指导和督促检查，及时总结推广试点经验。所需经费在部门预算中统筹安排，不另行申请新增资金。"),
        ],
        attachments=[],
        annotation="（联系人：李明，电话：010-66558888）",
    ),
    # 3. A regulation with 章/条 and a 版记, issued as a 规定.
    "gongwen-regulation": policy(
        title="国土资源部政务信息资源共享与开放管理规定",
        doc_number="国土资发〔2026〕50号", issuing_authority="国土资源部", doc_type="provisions",
        written_on="2026-11-25", sections=REGULATION,
        colophon={"copied_to": "国务院办公厅", "printed_by": "国土资源部办公厅", "printed_on": "2026-11-26"},
    ),
    # 4. A joint issuance: two authorities, stacked mark, two 署名.
    "gongwen-joint-notice": policy(
        title="国土资源部　国家档案局关于加强国土资源电子文件归档管理工作的通知",
        doc_number="国土资发〔2026〕52号", issuing_authority="国土资源部", co_issuers=["国家档案局"],
        doc_type="notice", addressee="各省、自治区、直辖市国土资源主管部门、档案局",
        written_on="2026-11-27",
        preamble=["为规范国土资源电子文件归档管理，保障电子档案真实、完整、可用和安全，现就有关事项通知如下。"],
        sections=[
            sec("l1", "一、", "明确归档范围", "各级国土资源主管部门在履行职责过程中形成的具有保存价值的电子文件，应当按照《电子文件归档与电子档案管理规范》（GB/T 18894—2016）及时归档。"),
            sec("l1", "二、", "规范归档格式", "电子公文归档采用OFD或者PDF/A格式，版式文件应当与纸质文件内容一致；照片、音频和视频文件按照国家有关标准转换为通用格式后归档。"),
            sec("l1", "三、", "加强安全管理", "各单位要建立电子档案备份制度，定期开展可用性检测，确保电子档案长期可读。"),
        ],
        colophon={"copied_to": "国务院办公厅", "printed_by": "国土资源部办公厅", "printed_on": "2026-11-28"},
    ),
    # 5. 信函格式: a 函.
    "gongwen-letter": policy(
        title="国土资源部办公厅关于商请提供政务公开工作年度报告数据的函",
        doc_number="国土资厅函〔2026〕88号", issuing_authority="国土资源部办公厅", doc_type="letter",
        addressee="国家统计局办公室", written_on="2026-11-10", sealed=True,
        preamble=["为做好2026年度政府信息公开工作年度报告编制工作，请贵办于2026年12月20日前提供本年度政务公开相关统计数据。感谢支持！"],
        annotation="（联系人：张伟，电话：010-66558001）",
        colophon={"copied_to": "部政务公开办公室"},
    ),
    # 6. 命令格式: a 令.
    "gongwen-order": policy(
        title="国土资源部令", doc_number="第88号", issuing_authority="国土资源部", doc_type="order",
        issuer_mark="中华人民共和国国土资源部令", signed_names=["部长　王广华"], written_on="2026-11-30",
        preamble=["《国土资源部政务信息资源共享与开放管理规定》已经2026年11月20日国土资源部第5次部务会议审议通过，现予公布，自2027年1月1日起施行。"],
    ),
    # 7. 纪要格式.
    "gongwen-minutes": policy(
        title="政务公开工作领导小组2026年第4次会议纪要", doc_number="第4期", issuing_authority="国土资源部政务公开工作领导小组",
        doc_type="minutes", issuer_mark="国土资源部政务公开工作领导小组会议纪要", written_on="2026-11-15",
        preamble=["2026年11月15日，领导小组组长主持召开政务公开工作领导小组2026年第4次会议，研究部署政策解读和年度报告编制工作。纪要如下。",
                  "出席：王广华、李明、张伟、刘洋、陈静",
                  "列席：办公厅、政策法规司、信息中心有关负责同志"],
        sections=[
            sec("l1", "一、", "关于政策解读工作", "会议要求，各司局起草重要政策文件时，要同步组织起草解读材料，做到同步审签、同步发布。"),
            sec("l1", "二、", "关于年度报告编制工作", "会议同意年度报告编制方案，由办公厅牵头于2027年1月31日前完成。"),
        ],
    ),
}

for name, pol in PACKS.items():
    with open(os.path.join(HERE, f"{name}.json"), "w", encoding="utf-8") as f:
        json.dump(pack(name, pol), f, ensure_ascii=False, indent=2)
        f.write("\n")
print(f"{len(PACKS)} packs in {HERE}")
