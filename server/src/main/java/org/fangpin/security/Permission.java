package org.fangpin.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.fangpin.common.Labelled;

/**
 * What a role may do (权限). Which roles hold which permission is data ({@link Permissions}), edited by
 * administrators; the defaults below are SPEC §1's division of work. The region data scope applies on top: a
 * permission never reaches beyond the user's region.
 */
public enum Permission implements Labelled {
    REGISTRY_EDIT(
            "维护农户信息",
            "Edit the registry",
            "新增、修改、注销农户和家庭成员，导入农户",
            "Create, change and delete households and members; import households",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY),
    REGISTRY_EXPORT(
            "导出农户信息",
            "Export the registry",
            "按区域导出农户和家庭成员 (CSV/XLSX)",
            "Export a region's households and members (CSV/XLSX)",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE,
            Role.INSPECTOR),
    VIEW_SENSITIVE(
            "查看完整证件号码",
            "See full ID and phone numbers",
            "页面、接口和导出中显示完整的身份证号和电话；每次查看都记入审计",
            "Full ID and phone numbers in pages, API and exports; every view is audited",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY),
    DUTY_LISTS(
            "部门名单回流",
            "Lists back to departments",
            "按部门职责查看和下载本区域监测对象等名单（下载含完整身份证号，供部门比对；每次下载都记入审计）",
            "See and download, per department duty, the monitored persons of one's region (downloads carry full ID"
                    + " numbers for the department's matching; every download is audited)",
            Role.DEPARTMENT,
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE),
    STATISTICS(
            "统计与台账",
            "Statistics and ledgers",
            "查看本区域的统计数据、台账和上报报表（按区划逐级下钻）",
            "See the statistics, ledgers and reports of one's region (drilling down the region tree)",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE,
            Role.INSPECTOR),
    REPORT_GENERATE(
            "生成上报报表",
            "Generate reports",
            "生成或更正本区域县、乡两级的统计月报（更正生成新版本并写明原因，原版本保留）",
            "Generate or correct the monthly reports of one's region's counties and townships (a correction is a new"
                    + " version with its reason; the old one stays)",
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE),
    FEED_SUBMIT(
            "报送部门数据",
            "Send department feeds",
            "上传或推送部门数据批次",
            "Upload or push department feed batches",
            Role.DEPARTMENT,
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE),
    ASSESSMENT_MANAGE(
            "考核评估与抽查",
            "Assessment and sample draws",
            "组织对下级的考核评估，按分层抽取抽查农户（抽样可由他人按同一种子复核）",
            "Organise assessments of the levels below and draw households for checks, per stratum (anyone can redo"
                    + " a draw from its seed)",
            Role.CITY,
            Role.PROVINCE),
    FIELD_CHECK(
            "实地核查",
            "Field checks",
            "对抽中的农户入户核查，记录收入、两不愁三保障和饮水安全情况、核查结论和群众认可",
            "Check drawn households in the field: income, 两不愁三保障 and water as found, the verdict and whether the"
                    + " household recognises the work",
            Role.INSPECTOR,
            Role.CITY,
            Role.PROVINCE),
    FINDING_ISSUE(
            "交办与销号",
            "Issue and sign off findings",
            "向下级交办巡视、督查、考核、抽查等发现的问题，审核整改并销号或退回，回头看后重新交办",
            "Issue findings of inspections, supervision, assessment and checks to the levels below; sign off their"
                    + " rectification or send it back; reopen after a review",
            Role.INSPECTOR,
            Role.CITY,
            Role.PROVINCE),
    RECTIFY(
            "问题整改",
            "Rectify findings",
            "对交办到本区域的问题记录整改措施和佐证，申请销号",
            "Record the steps and evidence of rectifying findings issued to one's region, and ask to close them",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY),
    QUALITY_REVIEW(
            "数据质量问题处理",
            "Answer data-quality issues",
            "对数据质量核查发现的本区域问题作出整改、说明或误报答复",
            "Answer the data-quality issues found in one's region: fixed, explained or a false positive",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY),
    PROJECTS(
            "查看项目和资金",
            "See projects and funds",
            "查看本区域的项目库、资金下达、安排和拨付（行业部门只看本行业的项目，不含农户信息）",
            "See the project library, allocations, funding and payments of one's region (a department: its own sector's"
                    + " projects, without household data)",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE,
            Role.INSPECTOR,
            Role.DEPARTMENT),
    PROJECT_APPLY(
            "项目申报与实施",
            "Apply for and carry out projects",
            "村、乡镇申报项目和修改申报，乡镇审核村级申报，登记公示异议，报告实施进度、停工复工和完工",
            "Apply for projects and change applications; the township reviews villages' applications; record"
                    + " objections; report the works' progress, stoppages and completion",
            Role.VILLAGE,
            Role.TOWNSHIP),
    PROJECT_REVIEW(
            "项目行业审核",
            "Review projects of one's sector",
            "行业部门审核本行业的项目申报",
            "A department reviews the project applications of its sector",
            Role.DEPARTMENT),
    PROJECT_DECIDE(
            "项目审定与验收",
            "Decide and accept projects",
            "县级审定入库、公示、立项、验收和结项",
            "The county lists projects, publicises them, approves, accepts and closes them",
            Role.COUNTY),
    FUNDS_EDIT(
            "资金管理",
            "Manage funds",
            "登记资金下达，为项目安排资金，拨付和冲销",
            "Record allocations, assign them to projects, pay and reverse payments",
            Role.COUNTY),
    ASSETS(
            "查看扶贫项目资产",
            "See project assets",
            "查看本区域的扶贫项目资产台账、管护、收益分配和处置",
            "See the project assets of one's region, their upkeep, income distributions and disposals",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE,
            Role.INSPECTOR),
    ASSET_EDIT(
            "资产管理",
            "Manage project assets",
            "登记资产和确权，折股量化，管护记录，登记收益和分配方案，申请处置（县级资产由县、乡镇资产由乡镇以上办理）；乡镇审核处置申请",
            "Register and title assets, share them out, record upkeep, income and distribution plans, request"
                    + " disposals (the county's assets by the county, a township's by the township or county); the"
                    + " township reviews disposal requests",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY),
    ASSET_DISPOSE(
            "资产处置审批",
            "Approve asset disposals",
            "县级批准或不予批准资产处置",
            "The county approves or refuses the disposal of an asset",
            Role.COUNTY),
    IP_MANAGE(
            "高校知识产权",
            "University IP",
            "本校的成果披露、申请前评估、专利及费用、维持放弃决策、转化运用和收益分配（仅限本校）",
            "The own university's disclosures, evaluations before filing, patents and fees, keep-or-drop decisions,"
                    + " 转化 deals and income split (own university only)",
            Role.UNIVERSITY),
    IP_ASSISTANCE(
            "科技帮扶成果",
            "Technology assistance",
            "查看高校向本区域企业、合作社和村集体转让或许可的专利（名称、高校、方式、日期、金额；不含费用、发明人和分配）",
            "See the patents universities assigned or licensed to enterprises, cooperatives and villages of one's region"
                    + " (title, university, form, day, amount; never fees, inventors or the split)",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE,
            Role.INSPECTOR),
    TEAMS(
            "查看驻村工作队",
            "See village work teams",
            "查看本区域的驻村工作队、第一书记和队员（身份证号、电话脱敏）",
            "See the village work teams, first secretaries and members of one's region (ID and phone masked)",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE,
            Role.INSPECTOR),
    TEAM_MANAGE(
            "驻村工作队管理",
            "Manage village work teams",
            "选派工作队和队员，登记召回、轮换和期满，撤队",
            "Send teams and members, record recalls, rotations and ends of terms, end a team",
            Role.COUNTY),
    ATTENDANCE_LOG(
            "驻村考勤登记",
            "Log village attendance",
            "登记本村工作队队员每月在村天数，为队员申请请假",
            "Log the days the village's team members spend in the village each month; ask leave for a member",
            Role.VILLAGE),
    TEAM_LEAVE_APPROVE(
            "驻村请假审批",
            "Approve work-team leave",
            "乡镇批准或不批准驻村队员的请假",
            "The township approves or refuses a work-team member's leave",
            Role.TOWNSHIP),
    HELPERS(
            "查看帮扶责任人",
            "See helpers",
            "查看本县的帮扶责任人（电话脱敏）和本区域内的结对户、未结对户和覆盖情况",
            "See one's county's helpers (phone masked) and, in one's region, the households paired, those unpaired and the"
                    + " coverage",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE,
            Role.INSPECTOR),
    HELPER_ASSIGN(
            "结对帮扶管理",
            "Assign helpers",
            "登记帮扶责任人，结对、调整和解除结对，登记调离",
            "Record helpers, pair households with them, change and end pairings, record a helper's departure",
            Role.TOWNSHIP,
            Role.COUNTY),
    PARTNERSHIPS(
            "查看协作帮扶",
            "See partnerships",
            "查看本区域及所在地区的定点帮扶、东西部协作、万企帮万村和对口支援，承诺、到位和对账",
            "See the designated-assistance, east–west, enterprise and counterpart partnerships of one's region and of the"
                    + " regions it lies in: commitments, deliveries and reconciliations",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE,
            Role.INSPECTOR),
    PARTNERSHIP_EDIT(
            "协作帮扶管理",
            "Keep partnerships",
            "县级登记本县及以下的协作帮扶、年度承诺、到位情况和年度对账；省级登记省、市级的结对",
            "The county records the partnerships of the county and below, yearly commitments, deliveries and the yearly"
                    + " reconciliation; the province those of the province and its cities",
            Role.COUNTY,
            Role.PROVINCE),
    LEADER_VISITS(
            "查看书记遍访",
            "See secretaries' visits",
            "查看本区域各级书记的遍访记录、发现的问题和遍访覆盖情况",
            "See the visits of the party secretaries of one's region, the problems they found and their coverage",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE,
            Role.INSPECTOR),
    LEADER_VISIT(
            "书记遍访登记",
            "Record secretaries' visits",
            "各级登记本级书记及其遍访（村、农户）和发现的问题；市级以上可将问题交办整改",
            "Each level records its own party secretaries and their visits (villages, households) with the problems"
                    + " found; a city or province may open a finding from them",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY,
            Role.CITY,
            Role.PROVINCE),
    CASE_WORK(
            "预警核实与帮扶",
            "Alerts and case work",
            "分派、核实预警，识别认定、帮扶计划、走访和申诉 (各步骤仍按层级办理)",
            "Assign and verify alerts; identification cases, plans, visits and grievances (each step still at its level)",
            Role.VILLAGE,
            Role.TOWNSHIP,
            Role.COUNTY),
    MONITORING_CONFIGURE(
            "配置监测规则",
            "Configure monitoring",
            "设置政策参数和规则集，发起监测和模拟测算",
            "Set policy parameters and rule sets, start monitoring and what-if runs",
            Role.PROVINCE),
    REGION_EDIT(
            "维护行政区划", "Maintain the region tree", "导入和修改行政区划", "Import and change regions", Role.ADMIN, Role.PROVINCE),
    AUDIT_READ(
            "查阅审计日志",
            "Read the audit log",
            "按用户、农户、区域和时间检索审计日志 (限本区域)",
            "Search the audit log by user, household, region and time (own region)",
            Role.ADMIN,
            Role.INSPECTOR),
    AUDIT_VERIFY("校验审计链", "Verify the audit chain", "校验整条审计哈希链", "Verify the whole audit hash chain", Role.ADMIN),
    USER_ADMIN(
            "用户与权限管理",
            "Users and permissions",
            "新建和修改用户、重置密码、解锁，配置角色权限",
            "Create and change users, reset passwords, unlock, configure role permissions",
            Role.ADMIN),
    TOKEN_ADMIN(
            "接口令牌管理",
            "API tokens",
            "为部门系统和上级平台签发、吊销接口令牌",
            "Issue and revoke API tokens for department systems and upper-level platforms",
            Role.ADMIN);

    private final String zh;
    private final String en;
    private final String descriptionZh;
    private final String descriptionEn;
    private final Set<Role> defaults;

    Permission(String zh, String en, String descriptionZh, String descriptionEn, Role... defaults) {
        this.zh = zh;
        this.en = en;
        this.descriptionZh = descriptionZh;
        this.descriptionEn = descriptionEn;
        this.defaults = defaults.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(defaults[0], defaults);
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }

    public String description(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? descriptionEn : descriptionZh;
    }

    /** The roles that hold this permission on a new installation. */
    public Set<Role> defaults() {
        return defaults;
    }
}
