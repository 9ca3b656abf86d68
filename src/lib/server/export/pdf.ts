/**
 * The plan as a PDF for print and publication (pdfkit: a mature pure-JavaScript PDF writer that
 * embeds TrueType subsets, so the text stays selectable and searchable, and Welsh and Gaelic
 * letters render): a cover page with place, date and partners, then each pillar with its
 * actions, then the sign-offs; A4 with running footers and page numbers.
 */
import PDFDocument from 'pdfkit';
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
import { FONT_FILES } from './fonts.ts';
import { decisionText } from './markdown.ts';
import { versionLine, workshopDate } from './describe.ts';

const MARGIN = 56;
const INK = '#1b2430';
const MUTED = '#4f5b6b';
const RULE = '#d9dee5';
const LABEL_WIDTH = 120;

type Pdf = InstanceType<typeof PDFDocument>;

function regular(pdf: Pdf, size: number, colour = INK): Pdf {
	return pdf.font('regular').fontSize(size).fillColor(colour);
}

function bold(pdf: Pdf, size: number, colour = INK): Pdf {
	return pdf.font('bold').fontSize(size).fillColor(colour);
}

function contentWidth(pdf: Pdf): number {
	return pdf.page.width - MARGIN * 2;
}

/** Starts a new page if less than `height` points are left on this one. */
function keepSpace(pdf: Pdf, height: number): void {
	if (pdf.y + height > pdf.page.height - MARGIN) pdf.addPage();
}

function cover(pdf: Pdf, plan: PlanExport): void {
	const width = contentWidth(pdf);
	pdf.rect(0, 0, pdf.page.width, 12).fill('#23395b');
	pdf.y = 180;
	bold(pdf, 12, MUTED).text('COMMUNITY WEALTH BUILDING ACTION PLAN', MARGIN, pdf.y, {
		width,
		characterSpacing: 1
	});
	pdf.moveDown(0.8);
	bold(pdf, 30).text(plan.workshop.title, { width });
	pdf.moveDown(0.4);
	regular(pdf, 18, MUTED).text(
		[plan.workshop.place, workshopDate(plan)].filter(Boolean).join(' · '),
		{
			width
		}
	);
	pdf.moveDown(2);
	if (plan.partners.length > 0) {
		bold(pdf, 12).text('Partners', { width });
		pdf.moveDown(0.3);
		for (const partner of plan.partners) {
			regular(pdf, 11).text(`${partner.name} (${partner.code})`, { width });
		}
	}
	pdf.moveDown(2);
	regular(pdf, 9, MUTED).text(versionLine(plan), { width });
	if (plan.agreement?.status === 'agreed') {
		pdf.moveDown(0.5);
		bold(pdf, 11, '#1e6b3a').text(
			`Agreed by all ${plan.agreement.signOffs.length} partners on ${plan.agreement.at?.slice(0, 10) ?? ''}.`,
			{ width }
		);
	}
}

function fact(pdf: Pdf, label: string, value: string): void {
	if (!value) return;
	const width = contentWidth(pdf);
	const y = pdf.y;
	bold(pdf, 9, MUTED).text(label, MARGIN, y, { width: LABEL_WIDTH - 8 });
	const afterLabel = pdf.y;
	regular(pdf, 10).text(value, MARGIN + LABEL_WIDTH, y, { width: width - LABEL_WIDTH });
	pdf.y = Math.max(pdf.y, afterLabel) + 2;
}

function actionBlock(pdf: Pdf, action: ExportAction): void {
	const width = contentWidth(pdf);
	keepSpace(pdf, 90);
	pdf
		.moveTo(MARGIN, pdf.y)
		.lineTo(MARGIN + width, pdf.y)
		.lineWidth(0.5)
		.strokeColor(RULE)
		.stroke();
	pdf.moveDown(0.5);
	bold(pdf, 12).text([action.ref, action.title].filter(Boolean).join('  '), MARGIN, pdf.y, {
		width
	});
	pdf.moveDown(0.2);
	if (action.description) {
		regular(pdf, 10).text(action.description, { width });
		pdf.moveDown(0.3);
	}
	fact(pdf, 'Lead partner', partnerName(action.lead) || 'None yet');
	fact(pdf, 'Supporting', action.supporting.map(partnerName).join(', '));
	fact(pdf, 'Timescale', timescaleText(action));
	fact(
		pdf,
		'Resources',
		[
			action.resources,
			formatPounds(action.estimatedCost),
			action.funding ? FUNDING_LABELS[action.funding] : ''
		]
			.filter(Boolean)
			.join('; ')
	);
	fact(pdf, 'Indicators', action.indicators.map(indicatorText).join('\n'));
	fact(pdf, 'Status', STATUS_LABELS[action.status]);
	fact(pdf, 'RAG', ragText(action));
	pdf.moveDown(0.6);
}

function signOffs(pdf: Pdf, plan: PlanExport): void {
	if (!plan.agreement) return;
	pdf.addPage();
	const width = contentWidth(pdf);
	bold(pdf, 20).text('Sign-offs', MARGIN, pdf.y, { width });
	pdf.moveDown(0.6);
	for (const signOff of plan.agreement.signOffs) {
		keepSpace(pdf, 40);
		bold(pdf, 11).text(`${signOff.partner.name} (${signOff.partner.code})`, MARGIN, pdf.y, {
			width
		});
		const by = signOff.by ? ` — ${signOff.by}, ${signOff.at?.slice(0, 10) ?? ''}` : '';
		regular(pdf, 10, MUTED).text(`${decisionText(signOff.decision)}${by}`, { width });
		if (signOff.comment) regular(pdf, 10).text(signOff.comment, { width });
		pdf.moveDown(0.5);
	}
}

/** Writes "Title · Place — page n of m" at the foot of every page but the cover. */
function footers(pdf: Pdf, plan: PlanExport): void {
	const range = pdf.bufferedPageRange();
	for (let index = 1; index < range.count; index++) {
		pdf.switchToPage(range.start + index);
		const bottom = pdf.page.margins.bottom;
		pdf.page.margins.bottom = 0;
		regular(pdf, 8, MUTED).text(
			`${plan.workshop.title} · ${plan.workshop.place} — page ${index + 1} of ${range.count}`,
			MARGIN,
			pdf.page.height - MARGIN + 20,
			{ width: contentWidth(pdf), align: 'center', lineBreak: false }
		);
		pdf.page.margins.bottom = bottom;
	}
}

export function renderPdf(plan: PlanExport): Promise<Buffer> {
	const pdf = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		bufferPages: true,
		info: { Title: `${plan.workshop.title} — ${plan.workshop.place}`, Creator: 'Pillarboard' },
		lang: 'en-GB',
		displayTitle: true
	});
	pdf.registerFont('regular', FONT_FILES.regular);
	pdf.registerFont('bold', FONT_FILES.bold);
	const chunks: Buffer[] = [];
	pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve, reject) => {
		pdf.on('end', () => resolve(Buffer.concat(chunks)));
		pdf.on('error', reject);
	});

	cover(pdf, plan);
	for (const pillar of plan.pillars) {
		pdf.addPage();
		const width = contentWidth(pdf);
		pdf.rect(MARGIN, pdf.y, 40, 5).fill(pillar.colour);
		pdf.moveDown(0.8);
		bold(pdf, 20).text(pillar.label, MARGIN, pdf.y, { width });
		if (pillar.meaning) regular(pdf, 10, MUTED).text(pillar.meaning, { width });
		pdf.moveDown(0.8);
		if (pillar.actions.length === 0) regular(pdf, 10, MUTED).text('No actions yet.', { width });
		for (const action of pillar.actions) actionBlock(pdf, action);
	}
	signOffs(pdf, plan);
	footers(pdf, plan);
	pdf.end();
	return done;
}
