/** Placeholder replaced below. */
export function AdminPage() {
  return <p>Staff and branches</p>;
}
