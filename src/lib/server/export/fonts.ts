/**
 * The typeface of the PDF and PNG exports: Inter (SIL Open Font License), shipped as TrueType in
 * an npm package, so nothing is fetched at run time. It covers Welsh (ŵ, ŷ), Scottish Gaelic
 * (à, ò), £ and en dashes, which the PDF standard fonts cannot all show.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const FONT_FAMILY = 'Inter';

/** Paths of the regular and bold TrueType files. */
export const FONT_FILES = {
	regular: require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
	bold: require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf')
} as const;
