// /admin/users – administrators grant the instructor (or admin) role.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { listUsers, ROLES } from '@/lib/db';
import { RoleForm } from './role-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin'))('title') };
}

export default async function AdminUsersPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/signin?callbackUrl=/admin/users');
  const t = await getTranslations('admin');
  if (user.role !== 'admin') {
    return (
      <p role="alert" data-testid="forbidden">
        {t('forbidden')}
      </p>
    );
  }
  const tNav = await getTranslations('nav');
  const users = await listUsers();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th className="py-2 pr-4">{t('email')}</th>
              <th className="py-2 pr-4">{t('name')}</th>
              <th className="py-2">{t('role')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 dark:border-slate-900">
                <td className="py-2 pr-4 font-mono">{row.email}</td>
                <td className="py-2 pr-4">{row.name ?? '—'}</td>
                <td className="py-2">
                  <RoleForm
                    userId={row.id}
                    email={row.email}
                    role={row.role}
                    roles={ROLES.map((role) => ({ value: role, label: tNav('role', { role }) }))}
                    labels={{ save: t('save'), saved: t('saved'), role: t('role') }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
