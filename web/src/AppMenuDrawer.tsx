/**
 * The phone header's drawer (AppHeader.tsx): antd's Drawer and Divider load when the menu button is
 * first pressed, not with every page's first load.
 */
import { Divider, Drawer } from 'antd';
import type { ReactNode } from 'react';

export default function AppMenuDrawer({
  open,
  onClose,
  title,
  menu,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  menu: ReactNode;
  children: ReactNode;
}) {
  return (
    <Drawer open={open} onClose={onClose} placement="left" size={300} title={title} data-testid="menu-drawer">
      {menu}
      <Divider />
      {children}
    </Drawer>
  );
}
