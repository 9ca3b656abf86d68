import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Form posts must come from our own origin: SvelteKit's CSRF check is on by default and
		// adapter-node takes the origin from the ORIGIN variable.
		adapter: adapter({ out: 'build' })
	}
};

export default config;
