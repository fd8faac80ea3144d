import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Resolves a host name to all its addresses (`dns.lookup` with `all: true`, or a stand-in in tests). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

/** Which addresses links may lead to. */
export interface AddressPolicy {
  /**
   * `true`: any address (an intranet, tests). A set of host names: only those may resolve
   * to private addresses (an intranet news site beside the public web). `false`: public
   * addresses only.
   */
  allowPrivate: boolean | ReadonlySet<string>;
  /** How host names are resolved. @default dns.lookup */
  resolve?: ResolveHost;
}

/** ipaddr.js ranges that are the public internet; every other range (private, loopback, link-local, unique-local, carrier NAT, reserved…) is refused. */
const PUBLIC_RANGES = new Set(['unicast']);

/** The system resolver, all addresses of a name. */
export const systemResolve: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** Whether an IP address lies outside the public internet (IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry). */
function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  return !PUBLIC_RANGES.has(ipaddr.process(address).range());
}

/** Whether the policy lets `hostname` lead to `address`. */
export function mayConnect(policy: AddressPolicy, hostname: string, address: string): boolean {
  const { allowPrivate } = policy;
  if (allowPrivate === true || !isPrivateAddress(address)) return true;
  return allowPrivate !== false && allowPrivate.has(hostname.toLowerCase());
}

/** A host name as written in a URL, without IPv6 brackets. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '');
}

/** Whether a URL's host is an IP address literal (which no resolver is asked about). */
export function isAddressLiteral(hostname: string): boolean {
  return isIP(bareHost(hostname)) !== 0;
}
