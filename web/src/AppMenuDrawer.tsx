/**
 * The phone header's drawer (AppHeader.tsx): antd's Drawer, Divider and the inline Menu of the
 * header's links load when the menu button is first pressed, not with every page's first load.
 */
import { Divider, Drawer, Menu } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { NavLink } from './ui/HeaderNav';

export default function AppMenuDrawer({
  open,
  onClose,
  title,
  links,
  selected,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  links: NavLink[];
  selected: string;
  children: ReactNode;
}) {
  const items = links.map((link) => ({
    key: link.key,
    label:
      link.to !== undefined ? (
        <Link to={link.to} onClick={onClose} data-testid={link.testId}>
          {link.label}
        </Link>
      ) : (
        <a href={link.href} target="_blank" rel="noreferrer">
          {link.label}
        </a>
      ),
  }));
  return (
    <Drawer open={open} onClose={onClose} placement="left" size={300} title={title} data-testid="menu-drawer">
      <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 0 }} />
      <Divider />
      {children}
    </Drawer>
  );
}
