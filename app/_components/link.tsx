// next/link without prefetching, for every link in the app. Every page here is rendered per
// request, so prefetching a link is a server render too: the header alone would render nine
// pages for each page viewed (a class opening a quiz together would multiply the server's
// work tenfold), and the browser would process them all while its page is still loading. A
// click fetches the one page it needs.
import NextLink from 'next/link';
import type { ComponentProps } from 'react';

export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
