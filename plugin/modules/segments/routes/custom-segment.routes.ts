import { Router } from 'express';
import { adminPrincipal, adminRoute } from '../../admin/index.js';
import { idParams } from '../../../kernel/http/admin.schemas.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { EDITOR_ROLES, READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import { segmentFields } from '../rules/segment-rule.fields.js';
import type { SegmentRule } from '../rules/segment-rule.types.js';
import type { CustomSegmentInput, CustomSegmentService } from '../services/custom-segment.service.js';
import {
    countAnswer,
    countBody,
    fieldsAnswer,
    membersAnswer,
    membersQuery,
    segmentBody,
    segmentListAnswer,
    segmentView,
} from './custom-segment.schemas.js';

const TAGS = ['segments'];
const unknownSegment = { REFILL_NOT_FOUND: 'No segment with this id' } as const;
const unprocessable = {
    REFILL_UNPROCESSABLE:
        'The rule names a store without coordinates, or lifecycle segments before they exist (`details` has the path)',
} as const;

/** The custom segment routes: what each validates, who may call it, what it answers. */
export const adminCustomSegmentRouteTable = {
    segmentFields: adminRoute({
        method: 'get',
        path: '/segments/fields',
        roles: READER_ROLES,
        summary: 'The condition kinds a segment rule may use, with their parameters and the rule limits',
        tags: TAGS,
        success: { status: 200, description: '`{ fields, limits }`', schema: fieldsAnswer },
    }),
    countSegment: adminRoute({
        method: 'post',
        path: '/segments/count',
        roles: EDITOR_ROLES,
        summary: 'Count the customers a rule selects now, with a sample of ten (cards masked)',
        description: 'The editor’s live count; nothing is saved. Blocked cards are never members.',
        tags: TAGS,
        body: countBody,
        success: { status: 200, description: '`{ count, sample }`', schema: countAnswer },
        errors: unprocessable,
    }),
    listSegments: adminRoute({
        method: 'get',
        path: '/segments',
        roles: READER_ROLES,
        summary: 'Live saved segments, by id, each with its member count now',
        tags: TAGS,
        success: { status: 200, description: '`{ data }`', schema: segmentListAnswer },
    }),
    createSegment: adminRoute({
        method: 'post',
        path: '/segments',
        roles: EDITOR_ROLES,
        summary: 'Save a segment',
        description: 'Names are unique among live segments. Audited (`segment.create`).',
        tags: TAGS,
        body: segmentBody,
        success: { status: 201, description: 'Saved', schema: segmentView },
        errors: { REFILL_CONFLICT: 'Another live segment has this name', ...unprocessable },
    }),
    getSegment: adminRoute({
        method: 'get',
        path: '/segments/:id',
        roles: READER_ROLES,
        summary: 'One saved segment (archived ones too)',
        tags: TAGS,
        params: idParams,
        success: { status: 200, description: 'The segment', schema: segmentView },
        errors: unknownSegment,
    }),
    putSegment: adminRoute({
        method: 'put',
        path: '/segments/:id',
        roles: EDITOR_ROLES,
        summary: 'Change a segment’s name, rule and description',
        description: 'Audited (`segment.update`). An archived segment cannot change (409).',
        tags: TAGS,
        params: idParams,
        body: segmentBody,
        success: { status: 200, description: 'Changed', schema: segmentView },
        errors: {
            ...unknownSegment,
            REFILL_CONFLICT: 'Another live segment has this name, or this one is archived',
            ...unprocessable,
        },
    }),
    archiveSegment: adminRoute({
        method: 'delete',
        path: '/segments/:id',
        roles: EDITOR_ROLES,
        summary: 'Archive a segment',
        description:
            'Its name is free again; chains and reports still find it by id. Archiving an archived segment changes nothing. Audited (`segment.archive`).',
        tags: TAGS,
        params: idParams,
        success: { status: 200, description: 'Archived', schema: segmentView },
        errors: { ...unknownSegment, REFILL_CONFLICT: 'An active chain addresses this segment' },
    }),
    segmentMembers: adminRoute({
        method: 'get',
        path: '/segments/:id/members',
        roles: READER_ROLES,
        summary: 'A page of a segment’s members now, by customer id (cards masked)',
        tags: TAGS,
        params: idParams,
        query: membersQuery,
        success: { status: 200, description: '`{ data, next }`', schema: membersAnswer },
        errors: { ...unknownSegment, ...unprocessable },
    }),
};

const segmentId = (locals: Record<string, unknown>) => (locals.params as { id: number }).id;

/**
 * The custom segment routes. Paths `/segments/<word>` other than `fields`
 * and `count` (e.g. the lifecycle segments' own routes) are left to the
 * routers mounted after this one; any other id that is no number is a 400.
 */
export function adminCustomSegmentRoutes(segments: CustomSegmentService): Router {
    const router = Router();
    const table = adminCustomSegmentRouteTable;
    mountRoute(router, table.segmentFields, (_req, res) => {
        res.json(segmentFields());
    });
    mountRoute(router, table.countSegment, async (_req, res) => {
        res.json(await segments.preview((res.locals.body as { rule: SegmentRule }).rule));
    });
    mountRoute(router, table.listSegments, async (_req, res) => {
        res.json({ data: await segments.list() });
    });
    mountRoute(router, table.createSegment, async (_req, res) => {
        const body = res.locals.body as CustomSegmentInput;
        res.status(201).json(await segments.create(body, adminPrincipal(res).username));
    });
    router.use('/segments/:id', (req, _res, next) => {
        next(/^[a-z][a-z-]*$/.test(String(req.params.id)) ? 'router' : undefined);
    });
    mountRoute(router, table.getSegment, async (_req, res) => {
        res.json(await segments.get(segmentId(res.locals)));
    });
    mountRoute(router, table.putSegment, async (_req, res) => {
        const body = res.locals.body as CustomSegmentInput;
        res.json(await segments.update(segmentId(res.locals), body, adminPrincipal(res).username));
    });
    mountRoute(router, table.archiveSegment, async (_req, res) => {
        res.json(await segments.archive(segmentId(res.locals), adminPrincipal(res).username));
    });
    mountRoute(router, table.segmentMembers, async (_req, res) => {
        const { after, limit } = res.locals.query as { after: number; limit: number };
        res.json(await segments.members(segmentId(res.locals), after, limit));
    });
    return router;
}
