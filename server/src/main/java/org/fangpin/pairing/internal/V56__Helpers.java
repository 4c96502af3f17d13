package org.fangpin.pairing.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.fangpin.pairing.Helpers;
import org.fangpin.security.FieldCipher;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * 帮扶责任人 (结对帮扶, 004:177) as people of their own: helpers with a sealed phone, and dated pairings of a helper with a
 * household. The free-text responsible persons of assistance plans become helpers — one per name and phone in each
 * county — each plan's household paired with its helper from the plan's start; the plan keeps the helper's id and
 * name, and its plain phone column is dropped. All in the migration's transaction: a failure leaves the plans as they
 * were.
 */
@Component
class V56__Helpers extends BaseJavaMigration {

    private final FieldCipher cipher;

    V56__Helpers(FieldCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection conn = context.getConnection();
        try (Statement st = conn.createStatement()) {
            st.execute("""
                    create table helper (
                        id            bigint generated always as identity primary key,
                        county_code   varchar(12) collate "C" not null references region (code),
                        name          text not null check (length(name) between 1 and 50),
                        unit          text check (unit is null or length(unit) <= 200),
                        post          text check (post is null or length(post) <= 100),
                        phone_enc     bytea,
                        phone_lookup  bytea,
                        legacy_phone  text,
                        username      text,
                        status        varchar(12) not null default 'ACTIVE' check (status in ('ACTIVE', 'DEPARTED')),
                        departed_on   date,
                        depart_reason text,
                        created_by    text not null,
                        created_at    timestamptz not null default now(),
                        updated_by    text not null,
                        updated_at    timestamptz not null default now(),
                        version       int not null default 1,
                        check ((status = 'DEPARTED') = (departed_on is not null))
                    )""");
            st.execute("create index helper_county on helper (county_code, id)");
            st.execute("""
                    create table helper_pairing (
                        id            bigint generated always as identity primary key,
                        helper_id     bigint not null references helper (id),
                        household_id  bigint not null,
                        village_code  varchar(12) collate "C" not null,
                        paired_on     date not null,
                        reason        text,
                        ended_on      date check (ended_on is null or ended_on >= paired_on),
                        end_reason    text,
                        created_by    text not null,
                        created_at    timestamptz not null default now(),
                        ended_by      text
                    )""");
            // a household has one helper at a time
            st.execute("create unique index helper_pairing_active on helper_pairing (household_id)"
                    + " where ended_on is null");
            st.execute("create index helper_pairing_helper on helper_pairing (helper_id) where ended_on is null");
            st.execute("create index helper_pairing_village on helper_pairing (village_code) where ended_on is null");
            st.execute("create index helper_pairing_household on helper_pairing (household_id, id)");
            st.execute("""
                    insert into helper (county_code, name, legacy_phone, username, created_by, updated_by)
                    select substring(village_code, 1, 6) || '000000', responsible_name,
                           nullif(btrim(responsible_phone, E' \\t\\r\\n'), ''), min(responsible_user), 'system', 'system'
                    from assistance_plan
                    where responsible_name is not null
                    group by 1, 2, 3
                    order by 1, 2, 3""");
        }
        List<Object[]> legacy = new ArrayList<>();
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("select id, legacy_phone from helper where legacy_phone is not null")) {
            while (rs.next()) {
                legacy.add(new Object[] {rs.getLong(1), rs.getString(2)});
            }
        }
        try (PreparedStatement ps =
                conn.prepareStatement("update helper set phone_enc = ?, phone_lookup = ? where id = ?")) {
            for (Object[] r : legacy) {
                String phone = (String) r[1]; // trimmed as grouped, in SQL
                ps.setBytes(1, cipher.encrypt(Helpers.PHONE_PURPOSE, phone));
                ps.setBytes(2, cipher.lookup(Helpers.PHONE_PURPOSE, phone));
                ps.setLong(3, (long) r[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement st = conn.createStatement()) {
            // one helper at work per name and phone in a county (made after the sealing: the lookup hashes are set)
            st.execute("create unique index helper_active_person on helper (county_code, name,"
                    + " coalesce(phone_lookup, '\\x'::bytea)) where status = 'ACTIVE'");
            st.execute("""
                    insert into helper_pairing (helper_id, household_id, village_code, paired_on, reason, created_by)
                    select h.id, p.household_id, p.village_code, p.started_on, '由帮扶计划原填写的帮扶责任人迁移', 'system'
                    from assistance_plan p
                    join helper h on h.county_code = substring(p.village_code, 1, 6) || '000000'
                                 and h.name = p.responsible_name
                                 and h.legacy_phone is not distinct from nullif(btrim(p.responsible_phone, E' \\t\\r\\n'), '')
                    where p.responsible_name is not null""");
            st.execute("alter table assistance_plan add column helper_id bigint references helper (id)");
            // the plan's copy of the helper's account is the helper's (plans naming one person with two accounts
            // were inconsistent; the helper keeps the first by name)
            st.execute("""
                    update assistance_plan p set helper_id = x.helper_id, responsible_user = h.username
                    from helper_pairing x join helper h on h.id = x.helper_id
                    where x.household_id = p.household_id and x.ended_on is null""");
            st.execute("alter table assistance_plan drop column responsible_phone");
            st.execute("alter table helper drop column legacy_phone");
            st.execute("create index assistance_plan_helper on assistance_plan (helper_id)");
            st.execute("comment on column assistance_plan.helper_id is"
                    + " '帮扶责任人: the household''s current helper (pairing''s helper); responsible_name and"
                    + " responsible_user are the helper''s name and account, kept by the pairing module'");
            st.execute("comment on column helper.phone_enc is"
                    + " 'AES-GCM sealed (FieldCipher, purpose helper.phone); phone_lookup: HMAC lookup hash'");
            st.execute("""
                    insert into parameter_definition (key, name_zh, name_en, unit, description) values
                    ('helper_for_exited_households', '脱贫户落实帮扶责任人', 'Every exited household has a helper',
                     'FLAG', '开：脱贫户与监测户一样须有帮扶责任人（过渡期内摘帽不摘帮扶，003:25）；关：仅监测户（未消除风险）须有'),
                    ('helper_max_households', '每名帮扶责任人最多结对户数', 'Most households one helper is paired with',
                     'COUNT', '结对户数达到此数的帮扶责任人不能再结对；不设置则不限')""");
            st.execute("""
                    insert into policy_parameter (key, province_code, valid_from, valid_to, value, source_note,
                                                  recorded_by) values
                    ('helper_for_exited_households', null, '2021-01-01', '2026-01-01', 1,
                     '003:25 过渡期内严格落实“四个不摘”：摘帽不摘帮扶', 'system'),
                    ('helper_for_exited_households', null, '2026-01-01', null, 0,
                     '003:51—61 过渡期后常态化帮扶：监测对象落实帮扶措施；省份可另行设定', 'system')""");
        }
    }
}
