/**
 * A plan with the characters exports must keep (Welsh ŵ ŷ, Gaelic à ò, £, en dashes) and every
 * action field filled: used by the export tests and `npm run bench:export`.
 */
import * as Y from 'yjs';
import { addAction, ACTION_STATUSES, RAG_RATINGS, TIMESCALES } from '../../board/actions.ts';
import { addPartner, initBoard } from '../../board/board-doc.ts';
import { addCard } from '../../board/cards.ts';

export const SAMPLE_PLACE = 'Llanfair-ym-Muallt & Steòrnabhagh';

const PARTNERS = [
	{ code: 'PCC', name: 'Cyngor Sir Powys – Powys County Council', type: 'council' as const },
	{ code: 'CnES', name: 'Comhairle nan Eilean Siar', type: 'council' as const },
	{ code: 'BTHB', name: 'Bwrdd Iechyd Addysgu Powys', type: 'nhs' as const },
	{ code: 'UHI', name: 'Oilthigh na Gàidhealtachd – UHI', type: 'university' as const }
];

const PILLARS = ['spend', 'workforce', 'land', 'ownership', 'finance'];

const TITLES = [
	'Buy food for Ysgol Gŵyr from growers within 30 miles – £1.2m a year',
	'Real Living Wage for every contractor at Ospadal nan Eilean',
	'Community asset transfer of Tŷ Mawr to a local trust',
	'Grow worker co-ops in Steòrnabhagh – 10 by 2028',
	'Credit union payroll savings for 4,000 staff'
];

/** A board with `count` actions spread over the pillars, plus a few cards. */
export function samplePlanDoc(count: number): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, {
		title: 'Cynllun Cyfoeth Cymunedol – 2026',
		place: SAMPLE_PLACE,
		preset: 'cles'
	});
	const ids = PARTNERS.map((partner, index) =>
		addPartner(doc, { ...partner, colour: ['#1d70b8', '#00703c', '#005eb8', '#6f2c91'][index] })
	);
	for (let n = 0; n < count; n++) {
		const pillar = PILLARS[n % PILLARS.length];
		addAction(doc, {
			pillar,
			ref: `${pillar.slice(0, 2).toUpperCase()}-${String(Math.floor(n / PILLARS.length) + 1).padStart(2, '0')}`,
			title: n < TITLES.length ? TITLES[n] : `${TITLES[n % TITLES.length]} (${n + 1})`,
			description: `Gwaith partneriaeth – partnership work in Llŷn and Uibhist, step ${n + 1}.`,
			lead: ids[n % ids.length],
			supporting: [ids[(n + 1) % ids.length], ids[(n + 2) % ids.length]],
			timescale: TIMESCALES[n % TIMESCALES.length],
			startDate: '2026-04-01',
			endDate: '2028-03-31',
			resources: 'Officer time – 0.5 FTE',
			estimatedCost: 25_000 + n * 1_000,
			funding: 'bid-pending',
			indicators: [
				{
					name: 'Share of spend with local suppliers',
					unit: '%',
					baseline: 12,
					baselineYear: '2024',
					target: 30,
					targetDate: '2028',
					source: 'Procurement ledger – Powys'
				},
				{
					name: 'Spend retained locally',
					unit: '£',
					baseline: 1_000_000,
					baselineYear: '2024',
					target: 2_500_000,
					targetDate: '2028-03-31',
					source: null
				}
			],
			status: ACTION_STATUSES[n % ACTION_STATUSES.length],
			rag: RAG_RATINGS[n % RAG_RATINGS.length],
			ragReason: n % 3 === 0 ? 'Bid to the Shared Prosperity Fund – £40k – pending' : ''
		});
	}
	for (const [index, text] of [
		'Prynu’n lleol – buy local',
		'Fàilte gu Leòdhas',
		'Tir a’ chomainn'
	].entries()) {
		addCard(doc, { pillar: PILLARS[index], text, authorName: 'Siân', partnerId: ids[index] });
	}
	return doc;
}
