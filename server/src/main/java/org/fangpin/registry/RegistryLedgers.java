package org.fangpin.registry;

/**
 * The registry's present households and members as SQL relations that ledgers (台账, in reporting) select from, so
 * that the registry's tables stay its own: what a column means is written here once. Each is a complete {@code
 * select} to be used as a subquery ({@code from (HOUSEHOLDS) h}); each has {@code household_id} and {@code
 * village_code}, so a caller filters by region outside it and PostgreSQL pushes the condition into the scan. ID
 * numbers appear masked only, and a person's age by year of birth (an age in days would give the birth date, the
 * masked part of the ID number, away), counted in the year of the parameter {@code :today} the caller binds.
 */
public final class RegistryLedgers {

    private RegistryLedgers() {}

    /** The unrounded net income of a household version, null when nothing of it was recorded. */
    private static final String NET_INCOME = """
            case when h.income_year is null and h.income_wage is null and h.income_production is null
                      and h.income_property is null and h.income_transfer is null and h.production_cost is null
                 then null
                 else coalesce(h.income_wage, 0) + coalesce(h.income_production, 0) + coalesce(h.income_property, 0)
                      + coalesce(h.income_transfer, 0) - coalesce(h.production_cost, 0) end""";

    /**
     * One row per current household, without its members: {@code household_id, household_no, village_code, identity,
     * monitoring_state} — e.g. who must have a helper. Cheap: the current households' index, no person read.
     */
    public static final String CURRENT = """
            select h.household_id, h.household_no, h.village_code, h.identity, h.monitoring_state
            from household h
            where h.valid_to is null and not h.deleted""";

    /**
     * One row per current household: {@code household_id, household_no, village_code, address, identity,
     * identity_flags, exit_year, monitoring_state, monitoring_category, monitoring_since, risk_causes, eliminated_on,
     * elimination_kind, housing_grade, water_safe, income_year, net_income, per_capita_income} (net ÷ members, 2
     * decimals), {@code members, head_name, head_id} (the head's masked ID number).
     */
    public static final String HOUSEHOLDS = """
            select h.household_id, h.household_no, h.village_code, h.address, h.identity, h.identity_flags, h.exit_year,
                   h.monitoring_state, h.monitoring_category, h.monitoring_since, h.risk_causes, h.eliminated_on,
                   h.elimination_kind, h.housing_grade, h.water_safe, h.income_year, %1$s as net_income,
                   case when m.members > 0 then round((%1$s) / m.members, 2) end as per_capita_income,
                   m.members, m.head_name, m.head_id
            from household h
            cross join lateral (
                select count(*) as members,
                       min(p.name) filter (where p.relation = 'HEAD') as head_name,
                       min(p.id_number_masked) filter (where p.relation = 'HEAD') as head_id
                from person p
                where p.household_id = h.household_id and p.valid_to is null and not p.deleted) m
            where h.valid_to is null and not h.deleted""".formatted(NET_INCOME);

    /**
     * One row per current household with what the reach of a benefit is counted by: {@code household_id,
     * household_no, village_code, monitoring_state, head_name, lost_labour} (a member is recorded as having lost the
     * capacity to work, 丧失劳动力) {@code , gravest_disability} (the gravest disability grade of a member, 1 the
     * gravest; null: none). Filter on {@code household_id} outside it.
     */
    public static final String MARKS = """
            select h.household_id, h.household_no, h.village_code, h.monitoring_state, m.head_name,
                   coalesce(m.lost_labour, false) as lost_labour, m.gravest_disability
            from household h
            cross join lateral (
                select min(p.name) filter (where p.relation = 'HEAD') as head_name,
                       bool_or(p.labour_capacity = 'LOST') as lost_labour,
                       min(p.disability_grade) as gravest_disability
                from person p
                where p.household_id = h.household_id and p.valid_to is null and not p.deleted) m
            where h.valid_to is null and not h.deleted""";

    /**
     * One row per household of a code range as it stood at the end of {@code :asOf}, not deleted — a sampling frame:
     * {@code household_id, village_code, identity, monitoring_state}. Binds {@code :low}, {@code :high} (village codes)
     * and {@code :asOf}.
     */
    public static final String FRAME = """
            select h.household_id, h.village_code, h.identity, h.monitoring_state
            from household h
            where h.village_code between :low and :high and not h.deleted
              and h.valid_from <= :asOf and (h.valid_to is null or h.valid_to > :asOf)""";

    /**
     * One row per household of a code range as it stood at the end of {@code :asOf}, not deleted, with its members
     * then: {@code household_id, village_code, identity, monitoring_state, monitoring_category, monitoring_since,
     * eliminated_on, housing_grade, water_safe, members, per_capita_income} (net ÷ members, 2 decimals, null when no
     * income was recorded), {@code dropouts} (members out of school, 辍学) and {@code uninsured} (members without
     * basic medical insurance). Binds {@code :low}, {@code :high} (village codes) and {@code :asOf}.
     */
    public static final String AS_OF = """
            select h.household_id, h.village_code, h.identity, h.monitoring_state, h.monitoring_category,
                   h.monitoring_since, h.eliminated_on, h.housing_grade, h.water_safe, m.members,
                   case when m.members > 0 then round((%1$s) / m.members, 2) end as per_capita_income,
                   m.dropouts, m.uninsured
            from household h
            cross join lateral (
                select count(*) as members,
                       count(*) filter (where p.school_status = 'DROPOUT') as dropouts,
                       count(*) filter (where not p.medical_insurance) as uninsured
                from person p
                where p.household_id = h.household_id and not p.deleted
                  and p.valid_from <= :asOf and (p.valid_to is null or p.valid_to > :asOf)) m
            where h.village_code between :low and :high and not h.deleted
              and h.valid_from <= :asOf and (h.valid_to is null or h.valid_to > :asOf)""".formatted(NET_INCOME);

    /**
     * One row per household of a code range as it stood at the end of {@code :asOf}, not deleted, with its income per
     * head then: {@code household_id, village_code, identity, monitoring_state, members, per_capita_income} (net ÷
     * members, 2 decimals, null when no income was recorded or no member). The members are counted in one grouping
     * rather than per household ({@link #AS_OF}), for a whole province at once. Binds {@code :low}, {@code :high}
     * (village codes) and {@code :asOf}.
     */
    public static final String INCOMES_AS_OF = """
            select h.household_id, h.village_code, h.identity, h.monitoring_state, coalesce(m.members, 0) as members,
                   case when m.members > 0 then round((%1$s) / m.members, 2) end as per_capita_income
            from household h
            left join (select p.household_id, count(*) as members from person p
                       where not p.deleted and p.valid_from <= :asOf and (p.valid_to is null or p.valid_to > :asOf)
                       group by 1) m on m.household_id = h.household_id
            where h.village_code between :low and :high and not h.deleted
              and h.valid_from <= :asOf and (h.valid_to is null or h.valid_to > :asOf)""".formatted(NET_INCOME);

    /**
     * One row per household ever registered, as its latest version says — deleted ones too ({@code deleted}): {@code
     * household_id, household_no, village_code, identity, monitoring_state, deleted, members} (current members; none
     * for a deleted household). For lists of households counted in the past, some of which may be gone since.
     */
    public static final String LATEST = """
            select h.household_id, h.household_no, h.village_code, h.identity, h.monitoring_state, h.deleted,
                   (select count(*) from person p
                    where p.household_id = h.household_id and p.valid_to is null and not p.deleted) as members
            from household h
            where h.valid_to is null""";

    /** Households per village now: {@code village_code, households} (filter on the village outside it). */
    public static final String VILLAGE_HOUSEHOLDS = """
            select h.village_code, count(*) as households
            from household h
            where h.valid_to is null and not h.deleted
            group by h.village_code""";

    /** A member's age in the year of {@code :today}, by year of birth (the column of {@link #PERSONS}). */
    private static final String AGE =
            "(extract(year from cast(:today as date)) - extract(year from p.birth_date))::int";

    /** Works outside the county (外出务工: 县外省内 or 省外). */
    private static final String AWAY = "coalesce(%s.work_status in ('IN_PROVINCE', 'OUT_OF_PROVINCE'), false)";

    /**
     * One row per current member of a current household: {@code person_id, household_id, household_no,
     * village_code, identity, monitoring_state, monitoring_category, name, id_masked, sex, age, relation, education,
     * school_status, health, disability_grade, labour_capacity, work_status, dibao, tekun}.
     */
    public static final String PERSONS = """
            select p.person_id, p.household_id, h.household_no, h.village_code, h.identity, h.monitoring_state,
                   h.monitoring_category, p.name, p.id_number_masked as id_masked, p.sex, %s as age, p.relation,
                   p.education, p.school_status, p.health, p.disability_grade, p.labour_capacity, p.work_status,
                   p.dibao, p.tekun
            from household h
            join person p on p.household_id = h.household_id and p.valid_to is null and not p.deleted
            where h.valid_to is null and not h.deleted""".formatted(AGE);

    /** {@link #PERSONS} with {@code head_name}, the name of the household's head. */
    public static final String PERSONS_WITH_HEAD = """
            select x.*, hd.name as head_name
            from (%s) x
            left join person hd on hd.household_id = x.household_id and hd.relation = 'HEAD' and hd.valid_to is null
                               and not hd.deleted""".formatted(PERSONS);

    /**
     * 三留守 (left-behind children, women and elderly), as far as the registry has the facts — members' relations to
     * the head, sex, age and where they work — with {@code left_behind} = {@code CHILD}, {@code WOMAN} or {@code
     * ELDERLY} beside the columns of {@link #PERSONS_WITH_HEAD}. The platform's reading of the 民政 definitions: a child under
     * 16 whose parents in the household (the head and spouse for a son or daughter; the sons, daughters and their
     * spouses of 16 or more for a grandchild) all work outside the county; a woman of 18–59 recorded at home whose
     * husband does (a head's
     * or spouse's partner; a daughter-in-law's: every son); a person of 60 or more at home whose household's members
     * of 16–59 all work away. A household whose facts are not recorded is left out, never guessed.
     */
    public static final String LEFT_BEHIND =
            """
            select x.*,
                   case when x.age < 16 and x.relation in ('SON', 'DAUGHTER') and g.parents > 0 and g.parents_away
                          then 'CHILD'
                        when x.age < 16 and x.relation = 'GRANDCHILD' and g.children > 0 and g.children_away
                          then 'CHILD'
                        when x.age >= 60 and not x.away and g.working_age > 0 and g.working_age_away
                          then 'ELDERLY'
                        when x.sex = 'F' and x.age between 18 and 59 and x.work_status is not null and not x.away
                             and ((x.relation in ('HEAD', 'SPOUSE') and g.husband_away)
                                  or (x.relation = 'DAUGHTER_IN_LAW' and g.sons > 0 and g.sons_away))
                          then 'WOMAN' end as left_behind
            from (select b.*, %2$s as away from (%1$s) b) x
            cross join lateral (
                select count(*) filter (where q.relation in ('HEAD', 'SPOUSE')) as parents,
                       coalesce(bool_and(%3$s) filter (where q.relation in ('HEAD', 'SPOUSE')), false) as parents_away,
                       count(*) filter (where q.relation in ('SON', 'DAUGHTER', 'DAUGHTER_IN_LAW', 'SON_IN_LAW')
                                          and %4$s >= 16) as children,
                       coalesce(bool_and(%3$s) filter (where q.relation in ('SON', 'DAUGHTER', 'DAUGHTER_IN_LAW',
                                                                            'SON_IN_LAW') and %4$s >= 16), false)
                           as children_away,
                       count(*) filter (where q.relation = 'SON') as sons,
                       coalesce(bool_and(%3$s) filter (where q.relation = 'SON'), false) as sons_away,
                       coalesce(bool_or(%3$s) filter (where q.relation in ('HEAD', 'SPOUSE') and q.sex = 'M'), false)
                           as husband_away,
                       count(*) filter (where %4$s between 16 and 59) as working_age,
                       coalesce(bool_and(%3$s) filter (where %4$s between 16 and 59), false) as working_age_away
                from person q
                where q.household_id = x.household_id and q.valid_to is null and not q.deleted) g""".formatted(PERSONS_WITH_HEAD, AWAY.formatted("b"), AWAY.formatted("q"), AGE.replace("p.", "q."));
}
