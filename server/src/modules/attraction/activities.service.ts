import type {
  ActivityBody,
  ActivityKind,
  ContactBody,
  LeadActivity,
  LeadContact,
} from '@groundbreak/contract';
import { maskPhone, phoneIndexKey } from '@groundbreak/domain';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { shanghaiDate } from '../../clock';
import type { Db } from '../../db/database';
import { leadActivities, leadContacts, leadProfiles, projects, users } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import type { FieldContext } from '../../lib/crypto/field-protector';
import { type AuditActor, createAuditRepository } from '../audit/audit.repository';
import type { ModuleContext, Principal } from '../registry';
import { LEAD_STATES, leadInScope } from './leads.repository';

// The activity timeline of a lead (走访、洽谈、实地考察 …) with its next steps, and the lead's contact people
// (phones encrypted with a blind index, always answered masked).

const PHONE: FieldContext = 'lead_contacts.phone';

export function createActivitiesService(ctx: ModuleContext) {
  const { database, clock, protector } = ctx;
  const db = database.db;
  const audit = createAuditRepository(db);

  /** The lead in the caller's scope (404 otherwise); `write` also needs a live lead and attraction.write. */
  async function lead(principal: Principal, projectId: string, write: boolean) {
    const [row] = await db
      .select({ id: projects.id, state: projects.state, mergedInto: leadProfiles.mergedIntoProjectId })
      .from(projects)
      .leftJoin(leadProfiles, eq(leadProfiles.projectId, projects.id))
      .where(and(eq(projects.id, projectId), isNull(projects.deletedAt), leadInScope(principal)));
    if (!row) throw notFound('招商线索');
    if (write) {
      if (!principal.actions.has('attraction.write')) throw new AppError('FORBIDDEN', '您不能办理招商线索');
      if (!(LEAD_STATES as readonly string[]).includes(row.state) || row.mergedInto) {
        throw new AppError('CONFLICT', '该线索已签约、终止或合并，不能再记录');
      }
    }
    return row;
  }

  function activityOf(a: typeof leadActivities.$inferSelect, by: string | null): LeadActivity {
    return {
      id: a.id,
      projectId: a.projectId,
      kind: a.kind as ActivityKind,
      occurredOn: a.occurredOn,
      summary: a.summary,
      participants: a.participants,
      nextStep: a.nextStep,
      nextStepOn: a.nextStepOn,
      nextStepDoneAt: a.nextStepDoneAt?.toISOString() ?? null,
      remindedAt: a.remindedAt?.toISOString() ?? null,
      createdByName: by,
      createdAt: a.createdAt.toISOString(),
      version: a.version,
    };
  }

  async function contactOf(c: typeof leadContacts.$inferSelect): Promise<LeadContact> {
    return {
      id: c.id,
      projectId: c.projectId,
      name: c.name,
      title: c.title,
      organisation: c.organisation,
      phoneMasked: c.phoneCipher ? maskPhone(await protector.decrypt(c.phoneCipher, PHONE)) : null,
      note: c.note,
      version: c.version,
    };
  }

  async function protectPhone(phone: string | null | undefined) {
    if (phone === undefined) return {};
    if (phone === null || phone === '') return { phoneCipher: null, phoneIndex: null };
    return {
      phoneCipher: await protector.encrypt(phone, PHONE),
      phoneIndex: await protector.blindIndex(phoneIndexKey(phone), PHONE),
    };
  }

  /** A child row (activity or contact) whose lead is in the caller's scope, or 404. */
  async function activityInScope(principal: Principal, id: string) {
    const [row] = await db
      .select({ activity: leadActivities })
      .from(leadActivities)
      .innerJoin(projects, eq(projects.id, leadActivities.projectId))
      .where(
        and(
          eq(leadActivities.id, id),
          isNull(leadActivities.deletedAt),
          isNull(projects.deletedAt),
          leadInScope(principal),
        ),
      );
    if (!row) throw notFound('招商活动');
    return row.activity;
  }

  async function contactInScope(principal: Principal, id: string) {
    const [row] = await db
      .select({ contact: leadContacts })
      .from(leadContacts)
      .innerJoin(projects, eq(projects.id, leadContacts.projectId))
      .where(
        and(
          eq(leadContacts.id, id),
          isNull(leadContacts.deletedAt),
          isNull(projects.deletedAt),
          leadInScope(principal),
        ),
      );
    if (!row) throw notFound('联系人');
    return row.contact;
  }

  return {
    async activities(principal: Principal, projectId: string) {
      await lead(principal, projectId, false);
      const rows = await db
        .select({ a: leadActivities, by: users.displayName })
        .from(leadActivities)
        .leftJoin(users, eq(users.id, leadActivities.createdBy))
        .where(and(eq(leadActivities.projectId, projectId), isNull(leadActivities.deletedAt)))
        .orderBy(desc(leadActivities.occurredOn), desc(leadActivities.createdAt));
      return { items: rows.map((r) => activityOf(r.a, r.by)) };
    },

    async addActivity(principal: Principal, actor: AuditActor, projectId: string, body: ActivityBody) {
      const now = clock.now();
      await lead(principal, projectId, true);
      if (body.occurredOn > shanghaiDate(now)) {
        throw new AppError('VALIDATION_FAILED', '活动日期不能晚于今天', {
          fields: [{ field: 'occurredOn', message: '活动日期不能晚于今天' }],
        });
      }
      const row = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(leadActivities)
          .values({
            projectId,
            kind: body.kind,
            occurredOn: body.occurredOn,
            summary: body.summary,
            participants: body.participants ?? null,
            nextStep: body.nextStep ?? null,
            nextStepOn: body.nextStepOn ?? null,
            createdAt: now,
            updatedAt: now,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        await audit.append(
          tx,
          actor,
          {
            action: 'attraction.activity.create',
            objectType: 'lead_activity',
            objectId: inserted.id,
            result: 'success',
            summary: {
              projectId,
              kind: body.kind,
              occurredOn: body.occurredOn,
              nextStepOn: body.nextStepOn ?? null,
            },
          },
          now,
        );
        return inserted;
      });
      return { activity: activityOf(row, principal.displayName) };
    },

    /** Marks an activity's next step done (it then leaves the reminders and the 工作台). */
    async doneActivity(principal: Principal, actor: AuditActor, id: string, version: number) {
      const now = clock.now();
      const activity = await activityInScope(principal, id);
      await lead(principal, activity.projectId, true);
      if (!activity.nextStepOn && !activity.nextStep) throw new AppError('CONFLICT', '该活动没有下一步工作');
      if (activity.version !== version) throw await versionConflict(db, '招商活动', activity);
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(leadActivities)
          .set({
            nextStepDoneAt: activity.nextStepDoneAt ?? now,
            version: sql`${leadActivities.version} + 1`,
            updatedAt: now,
            updatedBy: principal.userId,
          })
          .where(and(eq(leadActivities.id, id), eq(leadActivities.version, version)))
          .returning();
        if (!updated) throw await versionConflict(db, '招商活动', activity);
        await audit.append(
          tx,
          actor,
          {
            action: 'attraction.activity.done',
            objectType: 'lead_activity',
            objectId: id,
            result: 'success',
          },
          now,
        );
        return updated;
      });
      const [by] = row.createdBy
        ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, row.createdBy))
        : [];
      return { activity: activityOf(row, by?.name ?? null) };
    },

    async contacts(principal: Principal, projectId: string) {
      await lead(principal, projectId, false);
      const rows = await db
        .select()
        .from(leadContacts)
        .where(and(eq(leadContacts.projectId, projectId), isNull(leadContacts.deletedAt)))
        .orderBy(asc(leadContacts.createdAt));
      return { items: await Promise.all(rows.map(contactOf)) };
    },

    async addContact(principal: Principal, actor: AuditActor, projectId: string, body: ContactBody) {
      const now = clock.now();
      await lead(principal, projectId, true);
      const row = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(leadContacts)
          .values({
            projectId,
            name: body.name,
            title: body.title ?? null,
            organisation: body.organisation ?? null,
            note: body.note ?? null,
            ...(await protectPhone(body.phone)),
            createdAt: now,
            updatedAt: now,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        await audit.append(
          tx,
          actor,
          {
            action: 'attraction.contact.create',
            objectType: 'lead_contact',
            objectId: inserted.id,
            result: 'success',
            summary: { projectId, name: body.name, phone: body.phone ?? null },
          },
          now,
        );
        return inserted;
      });
      return { contact: await contactOf(row) };
    },

    async updateContact(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: ContactBody & { version: number },
    ) {
      const now = clock.now();
      const contact = await contactInScope(principal, id);
      await lead(principal, contact.projectId, true);
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(leadContacts)
          .set({
            name: body.name,
            title: body.title ?? null,
            organisation: body.organisation ?? null,
            note: body.note ?? null,
            ...(await protectPhone(body.phone)),
            version: sql`${leadContacts.version} + 1`,
            updatedAt: now,
            updatedBy: principal.userId,
          })
          .where(
            and(
              eq(leadContacts.id, id),
              eq(leadContacts.version, body.version),
              isNull(leadContacts.deletedAt),
            ),
          )
          .returning();
        if (!updated) throw await versionConflict(db, '联系人', contact);
        await audit.append(
          tx,
          actor,
          {
            action: 'attraction.contact.update',
            objectType: 'lead_contact',
            objectId: id,
            result: 'success',
            summary: { name: body.name, ...(body.phone !== undefined ? { phone: body.phone } : {}) },
          },
          now,
        );
        return updated;
      });
      return { contact: await contactOf(row) };
    },

    async deleteContact(principal: Principal, actor: AuditActor, id: string, version: number) {
      const now = clock.now();
      const contact = await contactInScope(principal, id);
      await lead(principal, contact.projectId, true);
      await db.transaction(async (tx) => {
        const [deleted] = await tx
          .update(leadContacts)
          .set({
            deletedAt: now,
            version: sql`${leadContacts.version} + 1`,
            updatedAt: now,
            updatedBy: principal.userId,
          })
          .where(
            and(eq(leadContacts.id, id), eq(leadContacts.version, version), isNull(leadContacts.deletedAt)),
          )
          .returning({ id: leadContacts.id });
        if (!deleted) throw await versionConflict(db, '联系人', contact);
        await audit.append(
          tx,
          actor,
          {
            action: 'attraction.contact.delete',
            objectType: 'lead_contact',
            objectId: id,
            result: 'success',
            summary: { name: contact.name },
          },
          now,
        );
      });
      return { ok: true as const };
    },
  };
}

/** Whether a user (by id column) is active and has the lead's region in scope, as SQL. */
function reaches(userId: typeof leadProfiles.ownerUserId | typeof leadActivities.createdBy) {
  return sql<boolean>`COALESCE(EXISTS (SELECT 1 FROM users u
      JOIN regions s ON s.id = ANY(u.region_scopes)
      JOIN regions r ON r.id = ${projects.regionId}
     WHERE u.id = ${userId} AND u.status = 'active' AND u.deleted_at IS NULL AND r.path LIKE s.path || '%'), false)`;
}

/** Open next steps of live leads due by a day, with whom to remind (for the job and the 工作台). */
export async function dueNextSteps(db: Db, asOf: string, ids?: string[]) {
  return db
    .select({
      id: leadActivities.id,
      projectId: leadActivities.projectId,
      nextStep: leadActivities.nextStep,
      nextStepOn: leadActivities.nextStepOn,
      name: projects.name,
      ownerUserId: leadProfiles.ownerUserId,
      createdBy: leadActivities.createdBy,
      // Whether each still reaches the lead (its scope holds the lead's region): a lead claimed by, assigned
      // to or merged into another 板块 is no longer the business of the one that recorded the step.
      ownerReaches: reaches(leadProfiles.ownerUserId),
      creatorReaches: reaches(leadActivities.createdBy),
    })
    .from(leadActivities)
    .innerJoin(projects, eq(projects.id, leadActivities.projectId))
    .leftJoin(leadProfiles, eq(leadProfiles.projectId, projects.id))
    .where(
      and(
        isNull(leadActivities.deletedAt),
        isNull(leadActivities.nextStepDoneAt),
        isNull(leadActivities.remindedAt),
        sql`${leadActivities.nextStepOn} <= ${asOf}`,
        isNull(projects.deletedAt),
        inArray(projects.state, [...LEAD_STATES]),
        // A pool lead is nobody's to work until a 板块 takes it; a merged one is worked on the lead kept.
        sql`COALESCE(${leadProfiles.inPool}, false) = false`,
        isNull(leadProfiles.mergedIntoProjectId),
        ids ? inArray(leadActivities.id, ids) : undefined,
      ),
    )
    .orderBy(asc(leadActivities.nextStepOn));
}
