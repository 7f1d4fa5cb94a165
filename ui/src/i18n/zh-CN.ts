// 简体中文 (default). Every key here must also exist in en.ts; the compiler checks it.
// Placeholders in braces, e.g. {count}, are filled in by t().

export const zhCN = {
  "app.title": "解读 Jiedu — 政策解读包",
  "app.documentTitle": "解读 Jiedu",

  "locale.switchLabel": "界面语言",
  "locale.zh-CN": "中文",
  "locale.en": "English",

  "packs.heading": "解读包",
  "packs.count": "共 {count} 个",
  "packs.loading": "正在加载解读包…",
  "packs.empty": "暂无解读包。",
  "packs.col.title": "政策文件",
  "packs.col.state": "状态",
  "packs.col.unit": "起草单位",
  "packs.col.revision": "版本",
  "packs.col.hash": "内容哈希",
  "packs.col.blocking": "阻断项",
  "packs.blockingTitle": "{count} 项阻断性问题",
  "packs.hashTitle": "完整内容哈希：{hash}",

  "state.drafting": "起草中",
  "state.submitted": "待审签",
  "state.returned": "退回",
  "state.signed": "已审签",
  "state.deployed": "已部署",

  "checklist.heading": "审核清单",
  "checklist.placeholder": "选择左侧的解读包以查看审核清单。",
  "checklist.loading": "正在检查…",
  "checklist.summary": "通过 {pass} · 未通过 {fail} · 不适用 {na}",
  "checklist.meta": "第 {revision} 版 · 更新于 {updated}",
  "checklist.rule": "规则 {no}",
  "checklist.formCheck": "格式检查",
  "checklist.field": "字段：{field}",
  "checklist.status.pass": "通过",
  "checklist.status.fail": "未通过",
  "checklist.status.not_applicable": "不适用",
  "checklist.severity.info": "提示",
  "checklist.severity.warning": "警告",
  "checklist.severity.blocking": "阻断",

  "error.heading.backend_unavailable": "无法连接应用后台",
  "error.heading.pack_not_found": "未找到该解读包",
  "error.heading.internal": "发生内部错误",
  "error.heading.generic": "操作失败",
  "error.code": "错误代码：{code}",
  "error.field": "相关字段：{field}",
  "error.retry": "重试",
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
