/**
 * 帮扶工作 — case work: identification cases (识别认定) from the three discovery channels through field
 * verification, village council, publicity, township review and the county's decision, with deadlines, objections
 * and each user's inbox of waiting tasks. API: {@link org.fangpin.casework.Cases} (and its events), {@link
 * org.fangpin.casework.CaseKind}, {@link org.fangpin.casework.CaseStage}, {@link org.fangpin.casework.CaseChannel},
 * {@link org.fangpin.casework.AssistancePlans}, {@link org.fangpin.casework.MeasureStatus}, {@link
 * org.fangpin.casework.Grievances}, {@link org.fangpin.casework.Inbox}; the ports other modules implement: {@link
 * org.fangpin.casework.TaskSource} (their work in the inbox) and {@link org.fangpin.casework.MeasureProjects} (the
 * projects a measure may name).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Case work 帮扶工作")
package org.fangpin.casework;
