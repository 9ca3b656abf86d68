/** The plan as Markdown: headings per pillar, a block per action, sign-offs at the end. */
import type { ExportAction, PlanExport } from '../../board/plan-export.ts';
import {
	FUNDING_LABELS,
	STATUS_LABELS,
	formatPounds,
	indicatorText,
	partnerName,
	ragText,
	timescaleText
} from '../../board/plan-labels.ts';
import { versionLine } from './describe.ts';

/** Escapes the characters Markdown would read as formatting. */
function md(text: string): string {
	return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function actionBlock(action: ExportAction): string[] {
	const lines = [`### ${md([action.ref, action.title].filter(Boolean).join(' '))}`, ''];
	if (action.description) lines.push(md(action.description), '');
	const facts: [string, string][] = [
		['Lead partner', partnerName(action.lead) || 'None yet'],
		['Supporting partners', action.supporting.map(partnerName).join(', ')],
		['Timescale', timescaleText(action)],
		[
			'Resources',
			[
				action.resources,
				formatPounds(action.estimatedCost),
				action.funding ? FUNDING_LABELS[action.funding] : ''
			]
				.filter(Boolean)
				.join('; ')
		],
		['Status', STATUS_LABELS[action.status]],
		['RAG', ragText(action)]
	];
	for (const [label, value] of facts) if (value) lines.push(`- **${label}:** ${md(value)}`);
	if (action.indicators.length > 0) {
		lines.push('- **Indicators:**');
		for (const indicator of action.indicators) lines.push(`  - ${md(indicatorText(indicator))}`);
	}
	lines.push('');
	return lines;
}

export function renderMarkdown(plan: PlanExport): string {
	const lines = [
		`# ${md(plan.workshop.title)}`,
		'',
		`**${md(plan.workshop.place)}** · ${md(versionLine(plan))}`,
		''
	];
	if (plan.partners.length > 0) {
		lines.push('## Partners', '');
		for (const partner of plan.partners) lines.push(`- ${md(partner.name)} (${md(partner.code)})`);
		lines.push('');
	}
	for (const pillar of plan.pillars) {
		lines.push(`## ${md(pillar.label)}`, '');
		if (pillar.meaning) lines.push(`_${md(pillar.meaning)}_`, '');
		if (pillar.actions.length === 0) lines.push('No actions yet.', '');
		for (const action of pillar.actions) lines.push(...actionBlock(action));
	}
	if (plan.diagnosis) lines.push(...diagnosisBlock(plan));
	if (plan.agreement) {
		lines.push(
			'## Sign-offs',
			'',
			'| Partner | Decision | By | Date | Comment |',
			'|---|---|---|---|---|'
		);
		for (const signOff of plan.agreement.signOffs) {
			lines.push(
				`| ${md(signOff.partner.name)} | ${decisionText(signOff.decision)} | ${md(signOff.by ?? '')} | ${signOff.at?.slice(0, 10) ?? ''} | ${md(signOff.comment)} |`
			);
		}
		lines.push('');
	}
	return lines.join('\n');
}

/** The revealed heat map as a table (partners × pillars), then the evidence notes. */
function diagnosisBlock(plan: PlanExport): string[] {
	const diagnosis = plan.diagnosis!;
	const { scale } = diagnosis;
	const ends = [
		scale.minLabel && `${scale.min} = ${scale.minLabel}`,
		scale.maxLabel && `${scale.max} = ${scale.maxLabel}`
	];
	const pillars = plan.pillars.filter((pillar) => pillar.key !== '');
	const partners = plan.partners.filter((partner) =>
		diagnosis.scores.some((score) => score.partner.id === partner.id)
	);
	const lines = [
		'## Diagnosis',
		'',
		`_Each partner's own score per pillar, from ${scale.min} to ${scale.max}${ends.some(Boolean) ? ` (${ends.filter(Boolean).map(md).join(', ')})` : ''}._`,
		'',
		`| Partner | ${pillars.map((pillar) => md(pillar.label)).join(' | ')} |`,
		`|---|${pillars.map(() => '---').join('|')}|`
	];
	for (const partner of partners) {
		const cells = pillars.map((pillar) => {
			const found = diagnosis.scores.find(
				(score) => score.partner.id === partner.id && score.pillar === pillar.key
			);
			return found ? String(found.score) : '–';
		});
		lines.push(`| ${md(partner.name)} (${md(partner.code)}) | ${cells.join(' | ')} |`);
	}
	lines.push('');
	const notes = diagnosis.scores.filter((score) => score.note);
	if (notes.length > 0) {
		const label = new Map(pillars.map((pillar) => [pillar.key, pillar.label]));
		for (const score of notes) {
			lines.push(
				`- **${md(score.partner.code)}, ${md(label.get(score.pillar) ?? score.pillar)} (${score.score}):** ${md(score.note)}`
			);
		}
		lines.push('');
	}
	return lines;
}

export function decisionText(decision: 'signed' | 'changes-requested' | 'outstanding'): string {
	return {
		signed: 'Signed off',
		'changes-requested': 'Asked for changes',
		outstanding: 'Outstanding'
	}[decision];
}
