/**
 * The wide header's navigation and account menu (AppHeader.tsx) as plain links and buttons, drawn as
 * antd's dark horizontal Menu and Dropdown were (header-nav.css), without their code in every page's
 * first load: the items that do not fit sit under "···", the current page's item is marked
 * (aria-current), the arrow keys move between items as in antd's menu bar.
 */
import { EllipsisOutlined } from '@ant-design/icons';
import { Popover } from 'antd';
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import './header-nav.css';

export interface NavLink {
  key: string;
  label: string;
  /** a page of the app */
  to?: string;
  /** a page outside it, opened in a new tab */
  href?: string;
  testId?: string;
}

/** the "···" item's width, as antd's menu reserves it */
const MORE_WIDTH = 46;

function ItemLink({ link, selected, onClick }: { link: NavLink; selected: boolean; onClick?: () => void }) {
  const props = {
    role: 'menuitem',
    className: selected ? 'header-nav-item header-nav-selected' : 'header-nav-item',
    'aria-current': selected ? ('page' as const) : undefined,
    'data-testid': link.testId,
    onClick,
  };
  return link.to !== undefined ? (
    <Link to={link.to} {...props}>
      {link.label}
    </Link>
  ) : (
    <a href={link.href} target="_blank" rel="noreferrer" {...props}>
      {link.label}
    </a>
  );
}

/** Left and right arrows move between a bar's items, Home and End to its ends. */
function moveFocus(event: KeyboardEvent<HTMLElement>) {
  const keys: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 1, ArrowUp: -1 };
  if (!(event.key in keys) && event.key !== 'Home' && event.key !== 'End') return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')].filter(
    (item) => item.offsetParent !== null,
  );
  if (items.length === 0) return;
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? items.length - 1
        : (at + keys[event.key]! + items.length) % items.length;
  event.preventDefault();
  // "···"'s popup sits inside the bar in React's tree: its keys are its own
  event.stopPropagation();
  items[next]!.focus();
}

export function HeaderNav({ links, selected, label }: { links: NavLink[]; selected: string; label: string }) {
  const bar = useRef<HTMLDivElement>(null);
  const ruler = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(links.length);
  const [moreOpen, setMoreOpen] = useState(false);
  const moreButton = useRef<HTMLButtonElement>(null);
  const morePopup = useId();
  // opened from the keyboard: the focus goes to its first item, and Escape brings it back
  const openFromKeyboard = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    event.stopPropagation();
    setMoreOpen(true);
    // once the popup shows (a closing one may still be in the page, hidden)
    const focusFirst = (tries: number) => {
      const first = document.getElementById(morePopup)?.querySelector<HTMLElement>('[role="menuitem"]');
      first?.focus();
      if (document.activeElement !== first && tries > 0) requestAnimationFrame(() => focusFirst(tries - 1));
    };
    focusFirst(30);
  };

  // the items' widths from a hidden row holding them all; the bar shows those that fit its width
  useLayoutEffect(() => {
    const fit = () => {
      if (!bar.current || !ruler.current) return;
      const widths = [...ruler.current.children].map((item) => item.getBoundingClientRect().width);
      const room = bar.current.clientWidth;
      const total = widths.reduce((sum, w) => sum + w, 0);
      let count = widths.length;
      if (total > room) {
        let used = MORE_WIDTH;
        count = 0;
        while (count < widths.length && used + widths[count]! <= room) used += widths[count++]!;
      }
      setShown(count);
    };
    fit();
    const observer = new ResizeObserver(fit);
    if (bar.current) observer.observe(bar.current);
    return () => observer.disconnect();
  }, [links]);

  const hidden = links.slice(shown);
  return (
    <nav className="header-nav" aria-label={label} ref={bar}>
      <div className="header-nav-ruler" ref={ruler} aria-hidden="true">
        {links.map((link) => (
          <span key={link.key} className="header-nav-item">
            {link.label}
          </span>
        ))}
      </div>
      <div role="menubar" className="header-nav-bar" onKeyDown={moveFocus}>
        {links.map((link, i) => (
          <span key={link.key} role="none" style={i < shown ? undefined : { display: 'none' }}>
            <ItemLink link={link} selected={link.key === selected} />
          </span>
        ))}
        {hidden.length > 0 && (
          <Popover
            trigger={['hover', 'click']}
            placement="bottomLeft"
            // where antd's menu put its submenu: 8 px below the bar, 16 px right of "···"
            align={{ offset: [16, 8] }}
            arrow={false}
            open={moreOpen}
            onOpenChange={setMoreOpen}
            classNames={{ root: 'header-nav-popup header-nav-popup-dark' }}
            content={
              <div
                role="menu"
                id={morePopup}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') {
                    setMoreOpen(false);
                    moreButton.current?.focus();
                  } else moveFocus(event);
                }}
              >
                {hidden.map((link) => (
                  <ItemLink
                    key={link.key}
                    link={link}
                    selected={link.key === selected}
                    onClick={() => setMoreOpen(false)}
                  />
                ))}
              </div>
            }
          >
            <button
              type="button"
              ref={moreButton}
              onKeyDown={openFromKeyboard}
              role="menuitem"
              aria-haspopup="menu"
              aria-expanded={moreOpen}
              aria-controls={moreOpen ? morePopup : undefined}
              aria-label="···"
              data-testid="nav-more"
              className={
                hidden.some((link) => link.key === selected)
                  ? 'header-nav-item header-nav-selected'
                  : 'header-nav-item'
              }
            >
              <EllipsisOutlined />
            </button>
          </Popover>
        )}
      </div>
    </nav>
  );
}

/** The account's menu: its name opens the actions (on hover, as antd's Dropdown did, or a press). */
export function AccountMenu({
  children,
  actions,
}: {
  children: ReactNode;
  actions: { key: string; label: string; onClick: () => void }[];
}) {
  const [open, setOpen] = useState(false);
  return (
    <Popover
      trigger={['hover', 'click']}
      placement="bottomLeft"
      arrow={false}
      open={open}
      onOpenChange={setOpen}
      classNames={{ root: 'header-nav-popup' }}
      content={
        <div role="menu" onKeyDown={moveFocus}>
          {actions.map((action) => (
            <button
              key={action.key}
              type="button"
              role="menuitem"
              className="header-nav-action"
              onClick={() => {
                setOpen(false);
                action.onClick();
              }}
            >
              {action.label}
            </button>
          ))}
        </div>
      }
    >
      {children}
    </Popover>
  );
}
