package org.fangpin.ip;

import org.fangpin.common.Labelled;

/** The closed sets of the university IP module, each value with its Chinese and English label. */
public final class IpTerms {

    private IpTerms() {}

    /** How the research behind a disclosure was paid for (000:92). */
    public enum Funding implements Labelled {
        FISCAL("财政资金", "Public funds"),
        COMMISSIONED("委托项目", "Commissioned by an enterprise or other body"),
        OTHER("其他", "Other");

        private final String zh;
        private final String en;

        Funding(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** Who evaluated a disclosure before filing (000:92). */
    public enum EvaluatorKind implements Labelled {
        INTERNAL("本校知识产权管理部门", "The university's IP office"),
        MARKET("市场化评估机构", "A market evaluation body");

        private final String zh;
        private final String en;

        EvaluatorKind(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** The decision an evaluation ends in (000:92, 000:96). */
    public enum FilingDecision implements Labelled {
        FILE("申请专利", "File a patent"),
        NOT_FILE("不申请", "Do not file"),
        TRANSFER_TO_INVENTOR("转让申请权给发明人", "Give the right to file to the inventors"),
        TRADE_SECRET("作为技术秘密", "Keep as a trade secret");

        private final String zh;
        private final String en;

        FilingDecision(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** 专利类型. */
    public enum PatentType implements Labelled {
        INVENTION("发明", "Invention"),
        UTILITY("实用新型", "Utility model"),
        DESIGN("外观设计", "Design");

        private final String zh;
        private final String en;

        PatentType(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** Where a patent stands. */
    public enum PatentStatus implements Labelled {
        FILED("申请中", "Filed"),
        GRANTED("已授权", "Granted"),
        ABANDONED("已放弃", "Abandoned");

        private final String zh;
        private final String en;

        PatentStatus(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** Who owns a patent (000:94, 000:96). */
    public enum Ownership implements Labelled {
        UNIVERSITY("高校所有", "The university"),
        SPLIT("所有权分割", "Split with the inventors"),
        INVENTOR("发明人所有", "The inventors (right to file given to them)");

        private final String zh;
        private final String en;

        Ownership(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** 专利费用. */
    public enum FeeKind implements Labelled {
        APPLICATION("申请费", "Filing fee"),
        EXAMINATION("实质审查费", "Examination fee"),
        ANNUAL("年费", "Annual fee"),
        AGENCY("代理费", "Agency fee"),
        OTHER("其他费用", "Other fee");

        private final String zh;
        private final String en;

        FeeKind(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** Who paid a fee. */
    public enum Payer implements Labelled {
        UNIVERSITY("高校", "The university"),
        INVENTOR("发明人", "The inventors");

        private final String zh;
        private final String en;

        Payer(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** From which funds a fee was paid (an inventor may not use 财政 funds, 000:94). */
    public enum FeeFunds implements Labelled {
        FISCAL("财政资金", "Public funds"),
        OWN("自有资金", "Own funds"),
        COMMISSION("委托方资金", "The commissioning party's funds");

        private final String zh;
        private final String en;

        FeeFunds(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** The yearly decision before the annual fee is due. */
    public enum MaintenanceDecision implements Labelled {
        MAINTAIN("维持", "Maintain"),
        ABANDON("放弃", "Abandon");

        private final String zh;
        private final String en;

        MaintenanceDecision(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** The forms of 转化运用 (000:126). */
    public enum TransferForm implements Labelled {
        TRANSFER("转让", "Assignment"),
        LICENCE("许可", "Licence"),
        EQUITY("作价入股", "Contributed as equity"),
        JOINT("共有", "Joint ownership");

        private final String zh;
        private final String en;

        TransferForm(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** Kinds of licence (000:126, 000:128). */
    public enum LicenceKind implements Labelled {
        GENERAL("普通许可", "Non-exclusive"),
        EXCLUSIVE("独占许可", "Exclusive"),
        SOLE("排他许可", "Sole"),
        OPEN("开放许可", "Open licence");

        private final String zh;
        private final String en;

        LicenceKind(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** Who took the patent up. */
    public enum CounterpartyKind implements Labelled {
        ENTERPRISE("企业", "Enterprise"),
        COOPERATIVE("农民专业合作社", "Farmers' cooperative"),
        VILLAGE("村集体", "Village collective"),
        INSTITUTION("科研或事业单位", "Research or public institution"),
        PERSON("个人", "Person");

        private final String zh;
        private final String en;

        CounterpartyKind(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** Who a 代表作评价 evaluates. */
    public enum ReviewSubject implements Labelled {
        PERSON("个人", "A person"),
        TEAM("团队", "A team"),
        PROJECT("项目", "A project");

        private final String zh;
        private final String en;

        ReviewSubject(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** The kinds of research judged on different grounds (000:32). */
    public enum ResearchType implements Labelled {
        BASIC("基础研究", "Basic research"),
        APPLIED("应用研究和技术创新", "Applied research and innovation"),
        TRANSFER("科技成果转化", "Transfer of results");

        private final String zh;
        private final String en;

        ResearchType(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** A representative work of any kind (000:40). */
    public enum WorkKind implements Labelled {
        PAPER("论文", "Paper"),
        PATENT("专利", "Patent"),
        TRANSFER("成果转化", "Transfer of a result"),
        STANDARD("标准", "Standard"),
        REPORT("研究或咨询报告", "Research or advisory report"),
        OTHER("其他", "Other");

        private final String zh;
        private final String en;

        WorkKind(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** What the peers concluded. */
    public enum ReviewConclusion implements Labelled {
        PASSED("通过", "Passed"),
        NOT_PASSED("不通过", "Not passed");

        private final String zh;
        private final String en;

        ReviewConclusion(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }
}
